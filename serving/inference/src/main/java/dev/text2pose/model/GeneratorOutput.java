package dev.text2pose.model;

/**
 * Both outputs of one generator call, for evaluation and figures; serving needs only the keypoints.
 *
 * @param keypoints [row][17][3]: x, y in the normalised person frame and the confidence in [0, 1]
 * @param heatmaps  [row][17][size][size]: the raw heatmaps in the range of {@link BundleMetadata#heatmaps()}, or
 *                  {@code null} when the bundle emits keypoints only
 */
public record GeneratorOutput(float[][][] keypoints, float[][][][] heatmaps) {
}
