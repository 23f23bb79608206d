package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heatmaps against the paper's formula evaluated directly in double, pixel by pixel. */
class HeatmapRendererTest {

    /** Float rounding of values in [-1, 1] plus the documented 1e-9 cut: well under 1e-6. */
    private static final double TOLERANCE = 1e-6;

    private static FramePose randomPose(SplittableRandom random) {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        for (int i = 0; i < 17; i++) {
            // Some keypoints just outside the frame, as rotation or a keypoint past the bbox edge gives.
            x[i] = (float) random.nextDouble(-4, 68);
            y[i] = (float) random.nextDouble(-4, 68);
            labelled[i] = random.nextInt(4) != 0;
        }
        return new FramePose(x, y, labelled);
    }

    @Test
    void everyPixelMatchesTheFormulaAtBothSizesAndRanges() {
        SplittableRandom random = new SplittableRandom(7);
        List<FramePose> poses = List.of(randomPose(random), randomPose(random), randomPose(random));
        for (int size : new int[] {64, 32}) {
            for (HeatmapRenderer.Range range : HeatmapRenderer.Range.values()) {
                HeatmapRenderer renderer = new HeatmapRenderer(size, range);
                float[] out = new float[poses.size() * renderer.floatsPerPose()];
                renderer.render(poses, out);
                assertEquals(0, worstError(poses, out, size, range), TOLERANCE, size + " " + range);
            }
        }
    }

    /** The largest |rendered - formula| over every pixel of the batch. */
    private static double worstError(List<FramePose> poses, float[] out, int size, HeatmapRenderer.Range range) {
        double scale = size / 64.0;
        double sigma = 2 * scale;
        double worst = 0;
        for (int b = 0; b < poses.size(); b++) {
            for (int k = 0; k < 17; k++) {
                for (int row = 0; row < size; row++) {
                    for (int col = 0; col < size; col++) {
                        FramePose p = poses.get(b);
                        double dx = col - p.x(k) * scale;
                        double dy = row - p.y(k) * scale;
                        double g = p.isLabelled(k) ? Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) : 0;
                        double expected = range == HeatmapRenderer.Range.SIGNED ? g * 2 - 1 : g;
                        int index = ((b * 17 + k) * size + row) * size + col;
                        worst = Math.max(worst, Math.abs(out[index] - expected));
                    }
                }
            }
        }
        return worst;
    }

    @Test
    void peakSitsAtTheKeypointAndUnlabelledChannelsAreBackground() {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        x[5] = 10;
        y[5] = 40;
        labelled[5] = true;
        HeatmapRenderer renderer = HeatmapRenderer.paper();
        float[] out = new float[2 * renderer.floatsPerPose()];
        renderer.render(List.of(new FramePose(new float[17], new float[17], new boolean[17]),
                new FramePose(x, y, labelled)), out);
        int plane = 64 * 64;
        int channel = renderer.floatsPerPose() + 5 * plane;
        assertEquals(1f, out[channel + 40 * 64 + 10], 1e-7);
        for (int i = 0; i < out.length; i++) {
            if (i < channel || i >= channel + plane) {
                assertEquals(-1f, out[i], "pixel " + i + " outside the one labelled channel");
            }
        }
    }

    @Test
    void halfSizeScalesCoordinatesAndSigma() {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        x[0] = 20;
        y[0] = 30;
        labelled[0] = true;
        HeatmapRenderer renderer = new HeatmapRenderer(32, HeatmapRenderer.Range.UNIT);
        float[] out = new float[renderer.floatsPerPose()];
        renderer.render(List.of(new FramePose(x, y, labelled)), out);
        assertEquals(1f, out[15 * 32 + 10], 1e-7);                     // (20, 30) / 2
        assertEquals(Math.exp(-0.5), out[15 * 32 + 11], 1e-7);           // one pixel away, sigma = 1
    }

    @Test
    void leavesFloatsAfterTheBatchAloneAndRejectsTooSmallArrays() {
        HeatmapRenderer renderer = new HeatmapRenderer(32, HeatmapRenderer.Range.SIGNED);
        FramePose pose = randomPose(new SplittableRandom(1));
        float[] out = new float[renderer.floatsPerPose() + 3];
        Arrays.fill(out, 42f);
        renderer.render(List.of(pose), out);
        assertEquals(42f, out[out.length - 1]);
        assertThrows(IllegalArgumentException.class,
                () -> renderer.render(List.of(pose, pose), new float[renderer.floatsPerPose()]));
        assertTrue(renderer.floatsPerPose() == 17 * 32 * 32);
    }
}
