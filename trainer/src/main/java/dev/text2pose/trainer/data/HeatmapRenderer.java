package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

import java.util.Arrays;
import java.util.List;

/**
 * Renders poses as 17-channel Gaussian heatmaps, a whole batch into one caller-owned float array.
 *
 * <p>Channel {@code k} of a pose holds {@code exp(-((X-x)^2 + (Y-y)^2) / (2 sigma^2))} over the pixel grid
 * {@code X, Y = 0..size-1}, with {@code (x, y)} the keypoint scaled by {@code size/64} and {@code sigma = 2 * size/64}
 * (2 px at the paper's 64, 1 px at the CPU variant's 32). An unlabelled keypoint gives an all-zero channel. In the
 * {@link Range#SIGNED} range every value is then mapped with {@code *2-1}, as the paper's generator output (tanh) is.
 *
 * <p>The layout is {@code [batch][17][size][size]} row-major, so the training loop wraps the array in one tensor
 * without copying. Rendering runs every step, so it is built for speed without giving up exactness:
 * <ul>
 *   <li>The Gaussian is separable, {@code g(X,Y) = gx(X) * gy(Y)}: 2*size exponentials per channel instead of
 *       size^2, then one multiply (and one subtract for SIGNED) per pixel, a loop the JIT vectorises.</li>
 *   <li>A 1-D factor below {@link #NEGLIGIBLE} ({@code |d| > 6.4 sigma}) is taken as 0, and rows whose factor is 0
 *       are filled with the background. Any pixel so written differs from the formula by less than 1e-9 (the factor
 *       bounds the product), far under float resolution near 1 (6e-8). A +-4 sigma window would not do: at its
 *       edge the formula still gives exp(-8) = 3.4e-4.</li>
 * </ul>
 * Measured with {@code HeatmapRendererBenchmark} on the shared 2-core build machine: a batch of 64 poses at 64x64
 * takes 1.5-1.7 ms (5.2 ms when every factor is computed over the whole axis, i.e. without the cut), at 32x32
 * 0.5-0.7 ms. Most of what remains is writing the 17.8 MB of output. Instances are immutable and thread-safe.
 */
public final class HeatmapRenderer {

    /** The value range of rendered heatmaps. */
    public enum Range {
        /** The formula as is: peak 1, background 0. */
        UNIT,
        /** {@code *2-1}: peak 1, background -1; what the paper's tanh generator and critic see. */
        SIGNED
    }

    /** The paper's Gaussian width in pixels of the 64 frame. */
    public static final float SIGMA_AT_64 = 2f;

    /** A 1-D Gaussian factor below this is treated as 0; the error this allows is below it. */
    static final double NEGLIGIBLE = 1e-9;

    private final int size;
    private final Range range;
    private final double scale;
    private final double twoSigmaSquared;
    /** Beyond this distance in pixels the 1-D factor is below {@link #NEGLIGIBLE}. */
    private final double reach;

    /**
     * @param size  side of each channel in pixels: 64 as in the paper, 32 for the CPU variant
     * @param range the value range of the output
     */
    public HeatmapRenderer(int size, Range range) {
        if (size <= 0) {
            throw new IllegalArgumentException("heatmap size must be positive, got " + size);
        }
        this.size = size;
        this.range = range;
        this.scale = size / (double) FramePose.FRAME_SIZE;
        double sigma = SIGMA_AT_64 * scale;
        this.twoSigmaSquared = 2 * sigma * sigma;
        this.reach = Math.sqrt(-Math.log(NEGLIGIBLE) * twoSigmaSquared);
    }

    /** The paper's renderer: 64x64, range [-1, 1]. */
    public static HeatmapRenderer paper() {
        return new HeatmapRenderer(FramePose.FRAME_SIZE, Range.SIGNED);
    }

    /** Side of each channel in pixels. */
    public int size() {
        return size;
    }

    /** The value range of the output. */
    public Range range() {
        return range;
    }

    /** Floats one pose occupies: {@code 17 * size * size}. */
    public int floatsPerPose() {
        return CocoKeypoints.COUNT * size * size;
    }

    /**
     * Renders {@code poses} into {@code out} as {@code [poses.size()][17][size][size]}, from index 0. Floats after
     * the batch are left alone, so one array sized for the largest batch can serve every step.
     *
     * @throws IllegalArgumentException if {@code out} is too small for the batch
     */
    public void render(List<FramePose> poses, float[] out) {
        int perPose = floatsPerPose();
        if (out.length < (long) poses.size() * perPose) {
            throw new IllegalArgumentException("output holds " + out.length + " floats, the batch needs "
                    + (long) poses.size() * perPose);
        }
        for (int b = 0; b < poses.size(); b++) {
            render(poses.get(b), out, b * perPose);
        }
    }

    /** Renders one pose into {@code out[offset .. offset + floatsPerPose())}. */
    public void render(FramePose pose, float[] out, int offset) {
        float background = range == Range.SIGNED ? -1f : 0f;
        float peak = range == Range.SIGNED ? 2f : 1f;
        float[] gx = new float[size];
        float[] gy = new float[size];
        int plane = size * size;
        for (int k = 0; k < CocoKeypoints.COUNT; k++) {
            int channel = offset + k * plane;
            if (!pose.isLabelled(k)) {
                Arrays.fill(out, channel, channel + plane, background);
                continue;
            }
            // The peak factor is folded into gx so that SIGNED costs one multiply-subtract per pixel.
            factors(pose.x(k) * scale, peak, gx);
            factors(pose.y(k) * scale, 1f, gy);
            for (int row = 0; row < size; row++) {
                int start = channel + row * size;
                float fy = gy[row];
                if (fy == 0f) {
                    Arrays.fill(out, start, start + size, background);
                } else {
                    for (int col = 0; col < size; col++) {
                        out[start + col] = fy * gx[col] + background;
                    }
                }
            }
        }
    }

    /** Fills {@code g} with {@code factor * exp(-(i - centre)^2 / (2 sigma^2))}, 0 beyond the reach. */
    private void factors(double centre, float factor, float[] g) {
        Arrays.fill(g, 0f);
        int from = Math.max(0, (int) Math.ceil(centre - reach));
        int to = Math.min(size - 1, (int) Math.floor(centre + reach));
        for (int i = from; i <= to; i++) {
            double d = i - centre;
            g[i] = (float) (factor * Math.exp(-d * d / twoSigmaSquared));
        }
    }
}
