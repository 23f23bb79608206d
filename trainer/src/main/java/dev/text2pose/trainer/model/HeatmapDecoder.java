package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.Tensor;

/**
 * Heatmaps to keypoints on the JVM, the twin of the exported graph's decoder ({@code KeypointDecoding}), so that
 * training's sample grids and the evaluation of generators that are never exported (stage 1) show what a bundle
 * would serve. Kept here once; the round-trip test holds it equal to the graph's output.
 *
 * <p>Per channel, the values are first mapped to [0, 1] ({@code h*0.5+0.5} for [-1, 1], unchanged for [0, 1]); the
 * first maximum (as ONNX {@code ArgMax}) gives the position, {@code (index mod size, index div size) / size}, in
 * [0, 1) of the frame, y down, and the maximum gives the confidence. A keypoint is present when the confidence
 * exceeds {@link PaperSpec#PRESENCE_THRESHOLD}.
 */
public final class HeatmapDecoder {

    private HeatmapDecoder() {
    }

    /**
     * @param heatmaps [N, 17, size, size] float heatmaps in {@code range}
     * @return per sample and keypoint (x, y, confidence)
     */
    public static float[][][] keypoints(Tensor heatmaps, HeatmapRange range) {
        Tensor dense = heatmaps.detach().contiguous();
        int size = (int) dense.size(3);
        float[] values = new float[Math.toIntExact(dense.numel())];
        dense.data_ptr_float().get(values);
        return keypoints(values, (int) dense.size(0), (int) dense.size(1), size, range);
    }

    /**
     * @param heatmaps {@code samples * channels * size * size} values in {@code range}, row-major
     * @return per sample and channel (x, y, confidence)
     */
    public static float[][][] keypoints(float[] heatmaps, int samples, int channels, int size, HeatmapRange range) {
        int plane = size * size;
        if (heatmaps.length != samples * channels * plane) {
            throw new IllegalArgumentException(heatmaps.length + " values are not " + samples + " x " + channels
                    + " heatmaps of " + size + "x" + size);
        }
        boolean signed = range == HeatmapRange.MINUS_ONE_TO_ONE;
        float[][][] out = new float[samples][channels][];
        for (int b = 0; b < samples; b++) {
            for (int k = 0; k < channels; k++) {
                int offset = (b * channels + k) * plane;
                int best = 0;
                float peak = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < plane; i++) {
                    float p = signed ? heatmaps[offset + i] * 0.5f + 0.5f : heatmaps[offset + i];
                    if (p > peak) { // strictly greater: the first maximum wins, as ArgMax
                        peak = p;
                        best = i;
                    }
                }
                out[b][k] = new float[] {(best % size) / (float) size, (best / size) / (float) size, peak};
            }
        }
        return out;
    }
}
