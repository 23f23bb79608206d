package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

import java.util.Arrays;

/**
 * A pose in the normalised 64x64 frame: 17 COCO keypoints as pixel coordinates, each labelled or not.
 *
 * <p>Coordinates are continuous pixels of the frame ({@code 0..64}, centre {@code (32, 32)}); a keypoint that
 * crossed the bbox edge or was rotated by augmentation may lie slightly outside. An unlabelled keypoint ({@code v = 0}
 * in COCO) has coordinates {@code (0, 0)} by convention, so two equal poses always have equal bytes (which the
 * {@link DatasetHash} relies on); its coordinates carry no meaning.
 *
 * <p>Arrays are copied in and out, so a pose is immutable; hot loops use the indexed accessors, which copy nothing.
 *
 * @param x        horizontal positions, 17 values in COCO order
 * @param y        vertical positions (down is positive), 17 values
 * @param labelled whether each keypoint is labelled (COCO {@code v} of 1 or 2)
 */
public record FramePose(float[] x, float[] y, boolean[] labelled) {

    /** Side of the normalised frame in pixels, as in the paper. */
    public static final int FRAME_SIZE = 64;

    /** Centre of the frame on both axes: the flip mirrors about it and the rotation turns about it. */
    public static final float CENTRE = FRAME_SIZE / 2f;

    public FramePose {
        if (x.length != CocoKeypoints.COUNT || y.length != CocoKeypoints.COUNT
                || labelled.length != CocoKeypoints.COUNT) {
            throw new IllegalArgumentException("a pose has " + CocoKeypoints.COUNT + " keypoints, got x "
                    + x.length + ", y " + y.length + ", labelled " + labelled.length);
        }
        x = x.clone();
        y = y.clone();
        labelled = labelled.clone();
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            if (!labelled[i]) {
                x[i] = 0f;
                y[i] = 0f;
            }
        }
    }

    /** A copy of the horizontal positions. */
    @Override
    public float[] x() {
        return x.clone();
    }

    /** A copy of the vertical positions. */
    @Override
    public float[] y() {
        return y.clone();
    }

    /** A copy of the labelled flags. */
    @Override
    public boolean[] labelled() {
        return labelled.clone();
    }

    /** Horizontal position of keypoint {@code i}. */
    public float x(int i) {
        return x[i];
    }

    /** Vertical position of keypoint {@code i}. */
    public float y(int i) {
        return y[i];
    }

    /** Whether keypoint {@code i} is labelled. */
    public boolean isLabelled(int i) {
        return labelled[i];
    }

    /** How many keypoints are labelled. */
    public int labelledCount() {
        int n = 0;
        for (boolean l : labelled) {
            n += l ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FramePose p && Arrays.equals(x, p.x) && Arrays.equals(y, p.y)
                && Arrays.equals(labelled, p.labelled);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(labelled);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FramePose[");
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            s.append(i == 0 ? "" : ", ").append(CocoKeypoints.NAMES.get(i)).append('=');
            s.append(labelled[i] ? String.format("(%.2f, %.2f)", x[i], y[i]) : "-");
        }
        return s.append(']').toString();
    }
}
