package dev.text2pose.pose;

import java.util.ArrayList;
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

    /**
     * Builds a pose from the generator's keypoint output.
     *
     * @param keypoints         [17][3]: x, y and confidence of each keypoint, in COCO order
     * @param presenceThreshold a keypoint is present when its confidence is strictly above this
     *                          (the bundle's {@code presence_threshold}, 0.2 in the paper)
     */
    public static Pose fromArray(float[][] keypoints, float presenceThreshold) {
        List<Keypoint> list = new ArrayList<>(keypoints.length);
        for (float[] k : keypoints) {
            if (k.length != 3) {
                throw new IllegalArgumentException("a keypoint row is x, y, confidence; got " + k.length + " values");
            }
            list.add(new Keypoint(k[0], k[1], k[2], k[2] > presenceThreshold));
        }
        return new Pose(list);
    }

    /** Keypoint {@code i} in COCO order. */
    public Keypoint keypoint(int i) {
        return keypoints.get(i);
    }
}
