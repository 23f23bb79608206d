package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.stats.Interval;

/**
 * The numbers of one row. Distances are in pixels of the 64 frame, summed over the 17 keypoints; a null metric has
 * no meaning for the row (see {@link RowEvaluator} for which, on the real-pose row). Headline numbers carry a 95%
 * bootstrap interval over the evaluated images ({@link dev.text2pose.trainer.eval.stats.ImageBootstrap}).
 *
 * @param groundTruthDistance  mean distance of a draw to its caption's own pose (lower follows the text better)
 * @param nearestEvalDistance  mean distance of a draw to the nearest evaluation pose (realism)
 * @param nearestTrainDistance mean distance of a draw to the nearest training pose (realism; 0 means copying)
 * @param nearestIsGroundTruth fraction of draws whose nearest evaluation pose is their caption's own pose
 * @param oneNnAccuracy        1-NN two-sample accuracy against the evaluation poses; 0.5 is ideal
 * @param diversity            mean distance between two draws of one caption (same caption, other noise)
 * @param captionSensitivity   mean distance between the poses of two captions under the same noise
 * @param captionMatch         mean over images of (distance to other images' real poses - distance to the own)
 * @param presentFraction      fraction of keypoints present, to be read against the real poses' fraction
 * @param presentByKeypoint    per keypoint in COCO order, the fraction of poses that have it present
 * @param rPrecision           the retrieval model's R-precision for the draws
 * @param top3                 R@3 with its interval
 * @param fid                  FID in the judges' pose-embedding space against the evaluated real poses; on the
 *                             real row, its floor (validation against test real poses, no interval)
 * @param seconds              wall time to generate and score the row
 */
public record RowMetrics(Interval groundTruthDistance, double nearestEvalDistance, Interval nearestTrainDistance,
                         Double nearestIsGroundTruth, Interval oneNnAccuracy, Double diversity,
                         Double captionSensitivity, Interval captionMatch, Interval presentFraction,
                         double[] presentByKeypoint, RPrecision.Scores rPrecision, Interval top3, Interval fid,
                         double seconds) {
}
