package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.DatasetHash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two retrieval models, each trained on one half (fold) of the training images, so that no pose is judged by a
 * model that saw it with its captions.
 *
 * <p>Why: a single judge trained on the whole training split memorises its poses, and then rates any row that
 * answers with training poses far too well. Measured on the validation split, caption retrieval (which returns the
 * training pose of the nearest training caption) scored R@1 0.54 against 0.13 for the real held-out poses. With
 * cross-fitting it scores about what real poses score. The rule is uniform for every row: a pose is scored by the
 * judge that did not see the fold of its nearest training pose, which is the judge that never saw it when the pose
 * is a copy (retrieval, random training pose, a memorising generator), and a judge like any other for a new pose.
 * Training images alternate between the two folds in image-id order, which balances them.
 */
public final class CrossFittedJudge {

    /** Number of folds; two keeps each judge's training set as large as possible. */
    public static final int FOLDS = 2;

    private final List<TextPoseRetrievalModel> judges;
    private final List<Path> files;

    private CrossFittedJudge(List<TextPoseRetrievalModel> judges, List<Path> files) {
        this.judges = List.copyOf(judges);
        this.files = List.copyOf(files);
    }

    /**
     * Loads both judges from the cache or trains them.
     *
     * @param trainImages       the training images, in image-id order
     * @param captionEmbeddings every training caption's vector
     * @param captionPose       per caption, the index of its image in {@code trainImages}
     */
    public static CrossFittedJudge loadOrTrain(RetrievalModelCache cache, List<CaptionedPose> trainImages,
                                               float[][] captionEmbeddings, int[] captionPose, String encoderId,
                                               RetrievalSettings settings, long seed) throws IOException {
        List<TextPoseRetrievalModel> judges = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<CaptionedPose> images = new ArrayList<>();
            List<float[]> captions = new ArrayList<>();
            List<Integer> poses = new ArrayList<>();
            for (int c = 0; c < captionPose.length; c++) {
                if (foldOf(captionPose[c]) == fold) {
                    captions.add(captionEmbeddings[c]);
                    poses.add(captionPose[c] / FOLDS);
                }
            }
            for (int i = fold; i < trainImages.size(); i += FOLDS) {
                images.add(trainImages.get(i));
            }
            String hash = DatasetHash.ofCaptioned(images);
            judges.add(cache.loadOrTrain(hash, encoderId, settings, seed, captionEmbeddings[0].length,
                    () -> new ContrastiveTrainer(settings).train(images.stream().map(CaptionedPose::pose).toList(), captions.toArray(float[][]::new),
                            poses.stream().mapToInt(Integer::intValue).toArray(), seed)));
            files.add(cache.fileFor(hash, encoderId, settings, seed));
        }
        return new CrossFittedJudge(judges, files);
    }

    /** The fold of training image {@code index}. */
    public static int foldOf(int trainingImage) {
        return trainingImage % FOLDS;
    }

    /** Which judge scores a pose whose nearest training pose is training image {@code nearestTrainingImage}. */
    public int judgeFor(int nearestTrainingImage) {
        return (foldOf(nearestTrainingImage) + 1) % FOLDS;
    }

    /** Judge {@code index}, trained on fold {@code index} only. */
    public TextPoseRetrievalModel judge(int index) {
        return judges.get(index);
    }

    /** Where each judge is cached, fold by fold. */
    public List<Path> files() {
        return files;
    }
}
