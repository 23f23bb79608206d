package dev.text2pose.trainer.eval;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.trainer.data.FramePose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Poses as flat float arrays in the 64 frame: the one form every metric, real or generated, reads.
 *
 * <p>Each pose takes {@value #FLOATS_PER_POSE} floats, {@code (x, y)} per keypoint in COCO order, with absent
 * keypoints already placed at the frame centre (32, 32) as the paper's evaluation places them. So a distance kernel
 * runs over contiguous floats with no branch on presence, which is what makes ten thousand generated poses against a
 * few thousand real ones take a fraction of a second. Presence is kept beside the coordinates, for the fraction of
 * keypoints present and for drawing.
 *
 * <p>Immutable: factories copy their input, and the raw arrays reach only this package's kernels.
 */
public final class PoseSet {

    /** Floats per pose: x and y of the 17 keypoints. */
    public static final int FLOATS_PER_POSE = 2 * CocoKeypoints.COUNT;

    private static final int K = CocoKeypoints.COUNT;

    private final float[] coordinates;
    private final boolean[] present;

    private PoseSet(float[] coordinates, boolean[] present) {
        this.coordinates = coordinates;
        this.present = present;
    }

    /** Real poses: labelled keypoints are present, unlabelled ones are absent. */
    public static PoseSet ofFramePoses(List<FramePose> poses) {
        float[] coordinates = new float[poses.size() * FLOATS_PER_POSE];
        boolean[] present = new boolean[poses.size() * K];
        for (int p = 0; p < poses.size(); p++) {
            FramePose pose = poses.get(p);
            for (int k = 0; k < K; k++) {
                boolean labelled = pose.isLabelled(k);
                present[p * K + k] = labelled;
                coordinates[p * FLOATS_PER_POSE + 2 * k] = labelled ? pose.x(k) : FramePose.CENTRE;
                coordinates[p * FLOATS_PER_POSE + 2 * k + 1] = labelled ? pose.y(k) : FramePose.CENTRE;
            }
        }
        return new PoseSet(coordinates, present);
    }

    /**
     * Generated poses from a bundle's keypoint output.
     *
     * @param keypoints         [rows][17][3]: x and y in [0, 1] of the frame, and the confidence
     * @param presenceThreshold a keypoint is present when its confidence is strictly above this (paper: 0.2)
     */
    public static PoseSet ofKeypoints(float[][][] keypoints, float presenceThreshold) {
        float[] coordinates = new float[keypoints.length * FLOATS_PER_POSE];
        boolean[] present = new boolean[keypoints.length * K];
        for (int p = 0; p < keypoints.length; p++) {
            for (int k = 0; k < K; k++) {
                float[] keypoint = keypoints[p][k];
                boolean on = keypoint[2] > presenceThreshold;
                present[p * K + k] = on;
                coordinates[p * FLOATS_PER_POSE + 2 * k] = on ? keypoint[0] * FramePose.FRAME_SIZE : FramePose.CENTRE;
                coordinates[p * FLOATS_PER_POSE + 2 * k + 1] =
                        on ? keypoint[1] * FramePose.FRAME_SIZE : FramePose.CENTRE;
            }
        }
        return new PoseSet(coordinates, present);
    }

    /** The sets one after the other, in order. */
    public static PoseSet concat(List<PoseSet> sets) {
        int total = sets.stream().mapToInt(PoseSet::size).sum();
        float[] coordinates = new float[total * FLOATS_PER_POSE];
        boolean[] present = new boolean[total * K];
        int at = 0;
        for (PoseSet set : sets) {
            System.arraycopy(set.coordinates, 0, coordinates, at * FLOATS_PER_POSE, set.coordinates.length);
            System.arraycopy(set.present, 0, present, at * K, set.present.length);
            at += set.size();
        }
        return new PoseSet(coordinates, present);
    }

    /** A new set whose pose {@code i} is this set's pose {@code indices[i]}; indices may repeat. */
    public PoseSet select(int[] indices) {
        float[] selectedCoordinates = new float[indices.length * FLOATS_PER_POSE];
        boolean[] selectedPresent = new boolean[indices.length * K];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(coordinates, indices[i] * FLOATS_PER_POSE, selectedCoordinates, i * FLOATS_PER_POSE,
                    FLOATS_PER_POSE);
            System.arraycopy(present, indices[i] * K, selectedPresent, i * K, K);
        }
        return new PoseSet(selectedCoordinates, selectedPresent);
    }

    /** Number of poses. */
    public int size() {
        return present.length / K;
    }

    /** Horizontal position of keypoint {@code k} of pose {@code pose}, in frame pixels; 32 when absent. */
    public float x(int pose, int k) {
        return coordinates[pose * FLOATS_PER_POSE + 2 * k];
    }

    /** Vertical position of keypoint {@code k} of pose {@code pose}, in frame pixels; 32 when absent. */
    public float y(int pose, int k) {
        return coordinates[pose * FLOATS_PER_POSE + 2 * k + 1];
    }

    /** Whether keypoint {@code k} of pose {@code pose} is present. */
    public boolean present(int pose, int k) {
        return present[pose * K + k];
    }

    /** The fraction of all keypoints of all poses that are present; 0 for an empty set. */
    public double presentFraction() {
        int on = 0;
        for (boolean p : present) {
            on += p ? 1 : 0;
        }
        return present.length == 0 ? 0 : (double) on / present.length;
    }

    /** Per keypoint in COCO order, the fraction of poses that have it present; zeros for an empty set. */
    public double[] presentFractionByKeypoint() {
        double[] fraction = new double[K];
        for (int i = 0; i < present.length; i++) {
            fraction[i % K] += present[i] ? 1 : 0;
        }
        for (int k = 0; k < K; k++) {
            fraction[k] = size() == 0 ? 0 : fraction[k] / size();
        }
        return fraction;
    }

    /** How many of pose {@code pose}'s keypoints are present. */
    public int presentCount(int pose) {
        int on = 0;
        for (int k = 0; k < K; k++) {
            on += present[pose * K + k] ? 1 : 0;
        }
        return on;
    }

    /** Pose {@code i} for {@link dev.text2pose.pose.SkeletonRenderer}: frame coordinates divided by 64. */
    public Pose toPose(int i) {
        List<Keypoint> keypoints = new ArrayList<>(K);
        for (int k = 0; k < K; k++) {
            boolean on = present(i, k);
            keypoints.add(new Keypoint(x(i, k) / FramePose.FRAME_SIZE, y(i, k) / FramePose.FRAME_SIZE,
                    on ? 1f : 0f, on));
        }
        return new Pose(keypoints);
    }

    /** The raw coordinates, not copied: for this package's kernels, which only read. */
    float[] coordinates() {
        return coordinates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoseSet s && Arrays.equals(coordinates, s.coordinates) && Arrays.equals(present, s.present);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coordinates) + Arrays.hashCode(present);
    }

    /** The size, the present fraction and the first pose, so that a failed comparison shows what the sets hold. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "PoseSet[%d poses, %.1f%% of keypoints present",
                size(), 100 * presentFraction()));
        if (size() > 0) {
            s.append("; pose 0: ").append(describe(0));
        }
        return s.append(']').toString();
    }

    /** Pose {@code i} as its keypoints' names and frame positions, {@code -} for an absent keypoint. */
    public String describe(int i) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < K; k++) {
            s.append(k == 0 ? "" : ", ").append(CocoKeypoints.NAMES.get(k)).append('=');
            s.append(present(i, k) ? String.format(Locale.ROOT, "(%.3f, %.3f)", x(i, k), y(i, k)) : "-");
        }
        return s.toString();
    }
}
