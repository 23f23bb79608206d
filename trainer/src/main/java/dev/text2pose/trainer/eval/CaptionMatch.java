package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.stats.ImageSums;

import java.util.stream.IntStream;

/**
 * Caption match: how much closer a pose is to its own image's pose than to the other evaluated images' poses. For a
 * pose answering a caption of image {@code i}, it is the mean distance to the real poses of the other images minus
 * the distance to image {@code i}'s real pose; a row's value is the mean over images of each image's mean.
 *
 * <p>Unlike the ground-truth distance, it does not reward poses that drift to the average: a constant pose scores
 * exactly 0, whatever it is, because averaged over images its distance to "the own image" and to "the others" are
 * the same sum (this is why images weigh equally, not by their number of captions). Real poses score the mean
 * distance between two images' poses, the ceiling; a row that answers with unrelated poses scores about 0.
 */
public final class CaptionMatch {

    private CaptionMatch() {
    }

    /**
     * Each image's mean caption match over its poses, one value per image.
     *
     * @param poses       the row's poses
     * @param imageOfPose per pose, the index of its caption's image in {@code realPoses}
     * @param realPoses   the evaluated images' poses, at least two
     */
    public static ImageSums perImage(PoseSet poses, int[] imageOfPose, PoseSet realPoses) {
        int images = realPoses.size();
        if (images < 2) {
            throw new IllegalArgumentException("caption match needs two evaluated images, got " + images);
        }
        double[] match = new double[poses.size()];
        IntStream.range(0, poses.size()).parallel().forEach(p -> {
            double all = 0;
            for (int j = 0; j < images; j++) {
                all += PoseDistance.between(poses, p, realPoses, j);
            }
            double own = PoseDistance.between(poses, p, realPoses, imageOfPose[p]);
            match[p] = (all - own) / (images - 1) - own;
        });
        ImageSums perPose = ImageSums.of(match, imageOfPose, images);
        double[] meanOfImage = new double[images];
        for (int i = 0; i < images; i++) {
            meanOfImage[i] = perPose.sum()[i] / perPose.count()[i];
        }
        return ImageSums.perImage(meanOfImage);
    }
}
