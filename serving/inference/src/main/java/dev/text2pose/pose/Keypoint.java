package dev.text2pose.pose;

/**
 * One decoded keypoint.
 *
 * @param x          horizontal position in the normalised person frame, 0 (left) to 1 (right)
 * @param y          vertical position in the normalised person frame, 0 (top) to 1 (bottom)
 * @param confidence the heatmap maximum, mapped to [0, 1]
 * @param present    whether the confidence exceeds the model's presence threshold
 */
public record Keypoint(float x, float y, float confidence, boolean present) {
}
