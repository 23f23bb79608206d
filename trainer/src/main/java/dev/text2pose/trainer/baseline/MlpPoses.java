package dev.text2pose.trainer.baseline;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.Tensor;

/**
 * The regression baseline's pose vector of {@value #WIDTH} numbers: 34 coordinates, then 17 visibilities.
 *
 * <p>Coordinates are interleaved ({@code x0, y0, x1, y1, ...}) in pixels of the 64 frame divided by
 * {@value #COORDINATE_SCALE}, as the paper's MLP predicts them; an unlabelled keypoint of a real pose has
 * coordinates 0 and visibility 0. Generated visibilities are sigmoid outputs, and a keypoint counts as visible
 * above {@value #VISIBILITY_THRESHOLD}, the paper's threshold for this model.
 */
public final class MlpPoses {

    /** Coordinates are divided by this, so that the network sees and predicts numbers of order 1. */
    public static final float COORDINATE_SCALE = 20f;

    /** A generated keypoint is visible when its visibility exceeds this (the paper's 0.8). */
    public static final float VISIBILITY_THRESHOLD = 0.8f;

    /** Numbers per pose: 2 coordinates and 1 visibility per keypoint. */
    public static final int WIDTH = 3 * PaperSpec.KEYPOINTS;

    /** Where the visibilities start in a pose vector. */
    public static final int VISIBILITY_OFFSET = 2 * PaperSpec.KEYPOINTS;

    private MlpPoses() {
    }

    /** Writes {@code pose} as a pose vector into {@code out} from {@code offset}. */
    public static void encode(FramePose pose, float[] out, int offset) {
        for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
            boolean on = pose.isLabelled(k);
            out[offset + 2 * k] = on ? pose.x(k) / COORDINATE_SCALE : 0f;
            out[offset + 2 * k + 1] = on ? pose.y(k) / COORDINATE_SCALE : 0f;
            out[offset + VISIBILITY_OFFSET + k] = on ? 1f : 0f;
        }
    }

    /**
     * Decodes a pose vector at {@code offset} to per-keypoint (x, y, visibility), x and y in the frame's [0, 1]
     * units like the heatmap model's decoded keypoints, so evaluation can treat both alike.
     */
    public static float[][] keypoints(float[] vector, int offset) {
        float[][] out = new float[PaperSpec.KEYPOINTS][];
        float toUnit = COORDINATE_SCALE / FramePose.FRAME_SIZE;
        for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
            out[k] = new float[] {vector[offset + 2 * k] * toUnit, vector[offset + 2 * k + 1] * toUnit,
                    vector[offset + VISIBILITY_OFFSET + k]};
        }
        return out;
    }

    /**
     * Decodes a batch of generated pose vectors, [N, {@value #WIDTH}], to per sample and keypoint (x, y, visibility):
     * what training's sample grids and the evaluation's regression row both read.
     */
    public static float[][][] keypoints(Tensor vectors) {
        Tensor dense = vectors.detach().contiguous();
        int n = (int) dense.size(0);
        float[] values = new float[n * WIDTH];
        dense.data_ptr_float().get(values);
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            out[i] = keypoints(values, i * WIDTH);
        }
        return out;
    }
}
