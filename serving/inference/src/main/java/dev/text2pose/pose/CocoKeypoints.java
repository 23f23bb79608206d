package dev.text2pose.pose;

import java.util.List;

/**
 * The COCO person keypoint vocabulary: names in COCO order, the 19-edge skeleton and the left/right flip.
 *
 * <p>This is the one place these facts live; the trainer, the service, the renderer and the exported model
 * metadata all read them from here.
 */
public final class CocoKeypoints {

    /** Number of keypoints in a COCO person. */
    public static final int COUNT = 17;

    /** Keypoint names in COCO order; index {@code i} is channel {@code i} of the heatmaps. */
    public static final List<String> NAMES = List.of(
            "nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
            "left_wrist", "right_wrist", "left_hip", "right_hip",
            "left_knee", "right_knee", "left_ankle", "right_ankle");

    /** COCO's 19 skeleton edges, as 0-based keypoint index pairs (COCO's file lists them 1-based). */
    public static final List<int[]> SKELETON = List.of(
            new int[] {15, 13}, new int[] {13, 11}, new int[] {16, 14}, new int[] {14, 12}, new int[] {11, 12},
            new int[] {5, 11}, new int[] {6, 12}, new int[] {5, 6}, new int[] {5, 7}, new int[] {6, 8},
            new int[] {7, 9}, new int[] {8, 10}, new int[] {1, 2}, new int[] {0, 1}, new int[] {0, 2},
            new int[] {1, 3}, new int[] {2, 4}, new int[] {3, 5}, new int[] {4, 6});

    /** Where keypoint {@code i} goes under a horizontal flip: left and right swap, the nose stays. */
    private static final int[] FLIP = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};

    private CocoKeypoints() {
    }

    /** The index keypoint {@code i} takes after a horizontal flip. */
    public static int flipped(int i) {
        return FLIP[i];
    }

    /** Whether keypoint {@code i} is on the person's left side (drawn in its own colour). */
    public static boolean isLeft(int i) {
        return NAMES.get(i).startsWith("left_");
    }

    /** Whether keypoint {@code i} is on the person's right side. */
    public static boolean isRight(int i) {
        return NAMES.get(i).startsWith("right_");
    }
}
