package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.CaptionedPose;

import java.util.List;

/**
 * Everything a run evaluates against, in the flat forms the metrics read.
 *
 * @param evalImages             the evaluated single-person images, in image-id order
 * @param evalPoses              their poses, pose {@code i} of image {@code i}: the ground truth and the
 *                               realism reference
 * @param queries                every caption of every evaluated image, image by image
 * @param trainImages            the training split's images (minus any evaluated image)
 * @param trainPoses             their poses, pose {@code i} of image {@code i}
 * @param trainCaptionEmbeddings every training caption's vector, image by image
 * @param trainCaptionPose       per training caption, the index of its image in {@code trainImages}
 * @param evalHash               dataset hash of the evaluated images, for the report
 * @param trainHash              dataset hash of the training images, keying the retrieval model cache
 * @param droppedTrainImages     training images left out because they are also evaluated (only with another
 *                               training file or the {@code all} split); 0 on the project's own splits
 */
public record EvaluationData(List<CaptionedPose> evalImages, PoseSet evalPoses, List<EvalQuery> queries,
                             List<CaptionedPose> trainImages, PoseSet trainPoses, float[][] trainCaptionEmbeddings,
                             int[] trainCaptionPose, String evalHash, String trainHash, int droppedTrainImages) {

    public EvaluationData {
        evalImages = List.copyOf(evalImages);
        queries = List.copyOf(queries);
        trainImages = List.copyOf(trainImages);
    }

    /** Per query, its image id: what R-precision needs to keep an image's own captions out of its pools. */
    public long[] queryImageIds() {
        return queries.stream().mapToLong(EvalQuery::imageId).toArray();
    }

    /** Per evaluated image, the indices of its queries. */
    public int[][] queriesOfImage() {
        int[][] result = new int[evalImages.size()][];
        int q = 0;
        for (int i = 0; i < result.length; i++) {
            int count = evalImages.get(i).captions().size();
            result[i] = new int[count];
            for (int c = 0; c < count; c++) {
                result[i][c] = q++;
            }
        }
        return result;
    }
}
