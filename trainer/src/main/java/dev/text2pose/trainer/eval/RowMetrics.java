package dev.text2pose.trainer.eval;

/**
 * The numbers of one row. Distances are in pixels of the 64 frame, summed over the 17 keypoints; a null metric has
 * no meaning for the row (see {@link RowEvaluator} for which, on the real-pose row).
 *
 * @param groundTruthDistance  mean distance of a draw to its caption's own pose (lower follows the text better)
 * @param nearestEvalDistance  mean distance of a draw to the nearest evaluation pose (realism)
 * @param nearestTrainDistance mean distance of a draw to the nearest training pose (realism; 0 means copying)
 * @param nearestIsGroundTruth fraction of draws whose nearest evaluation pose is their caption's own pose
 * @param oneNnAccuracy        1-NN two-sample accuracy against the evaluation poses; 0.5 is ideal
 * @param diversity            mean distance between two draws of one caption
 * @param presentFraction      fraction of keypoints present, to be read against the real poses' fraction
 * @param rPrecision           the retrieval model's R-precision for the draws
 * @param seconds              wall time to generate and score the row
 */
public record RowMetrics(double groundTruthDistance, double nearestEvalDistance, double nearestTrainDistance,
                         Double nearestIsGroundTruth, double oneNnAccuracy, Double diversity, double presentFraction,
                         RPrecision.Scores rPrecision, double seconds) {
}
