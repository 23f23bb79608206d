package dev.text2pose.trainer.flow;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;

import java.util.Arrays;

/**
 * The flow model's pose vector of {@value #WIDTH} numbers: 34 coordinates ({@code x0, y0, x1, y1, ...}), then 17
 * presence values.
 *
 * <p>A coordinate is {@code (pixel - 32) / 16} in the 64 frame, so the frame spans [-2, 2] and a pose's numbers have
 * about the spread of the N(0, I) noise the flow starts from. Presence is +1 for a labelled keypoint and -1 for an
 * unlabelled one; an unlabelled keypoint's coordinates are 0 (the frame centre, near the mean position), a target
 * the network learns like any other rather than a masked hole whose value it would never see. Decoding maps
 * coordinates back to [0, 1] of the frame, y down, like the paper bundle's decoder, and presence p to the
 * confidence {@code clamp((p + 1) / 2, 0, 1)}.
 */
public final class FlowPoses {

    /** Numbers per pose. */
    public static final int WIDTH = 3 * PaperSpec.KEYPOINTS;

    /** Where the presence values start. */
    public static final int PRESENCE_OFFSET = 2 * PaperSpec.KEYPOINTS;

    /** Frame pixels per coordinate unit. */
    public static final float COORDINATE_SCALE = 16f;

    /** A decoded keypoint is present when its confidence exceeds this: presence above 0, the midpoint of +-1. */
    public static final float PRESENCE_THRESHOLD = 0.5f;

    private FlowPoses() {
    }

    /** The smallest value of each number of a real pose vector: the frame's edge, and absent. */
    public static float[] lowerBounds() {
        return bounds(-FramePose.CENTRE / COORDINATE_SCALE, -1f);
    }

    /** The largest value of each number of a real pose vector: the frame's edge, and present. */
    public static float[] upperBounds() {
        return bounds((FramePose.FRAME_SIZE - FramePose.CENTRE) / COORDINATE_SCALE, 1f);
    }

    private static float[] bounds(float coordinate, float presence) {
        float[] bounds = new float[WIDTH];
        Arrays.fill(bounds, 0, PRESENCE_OFFSET, coordinate);
        Arrays.fill(bounds, PRESENCE_OFFSET, WIDTH, presence);
        return bounds;
    }

    /** Writes {@code pose} as a pose vector into {@code out} from {@code offset}. */
    public static void encode(FramePose pose, float[] out, int offset) {
        for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
            boolean on = pose.isLabelled(k);
            out[offset + 2 * k] = on ? (pose.x(k) - FramePose.CENTRE) / COORDINATE_SCALE : 0f;
            out[offset + 2 * k + 1] = on ? (pose.y(k) - FramePose.CENTRE) / COORDINATE_SCALE : 0f;
            out[offset + PRESENCE_OFFSET + k] = on ? 1f : -1f;
        }
    }

    /** Per keypoint (x, y, confidence), x and y in [0, 1] of the frame, of the vector at {@code offset}. */
    public static float[][] keypoints(float[] vector, int offset) {
        float[][] out = new float[PaperSpec.KEYPOINTS][];
        for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
            out[k] = new float[] {toUnit(vector[offset + 2 * k]), toUnit(vector[offset + 2 * k + 1]),
                    confidence(vector[offset + PRESENCE_OFFSET + k])};
        }
        return out;
    }

    /** A coordinate unit value as a fraction of the frame: {@code (c * 16 + 32) / 64}. */
    public static float toUnit(float coordinate) {
        return (coordinate * COORDINATE_SCALE + FramePose.CENTRE) / FramePose.FRAME_SIZE;
    }

    /** A presence value as a confidence in [0, 1]. */
    public static float confidence(float presence) {
        return Math.max(0f, Math.min(1f, (presence + 1f) / 2f));
    }
}
