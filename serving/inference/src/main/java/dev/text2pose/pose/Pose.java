package dev.text2pose.pose;

import java.util.List;

/**
 * A person pose: the 17 COCO keypoints in COCO order.
 *
 * @param keypoints exactly {@link CocoKeypoints#COUNT} keypoints
 */
public record Pose(List<Keypoint> keypoints) {

    public Pose {
        if (keypoints.size() != CocoKeypoints.COUNT) {
            throw new IllegalArgumentException("a pose has " + CocoKeypoints.COUNT + " keypoints, got " + keypoints.size());
        }
        keypoints = List.copyOf(keypoints);
    }

    /** Keypoint {@code i} in COCO order. */
    public Keypoint keypoint(int i) {
        return keypoints.get(i);
    }
}
