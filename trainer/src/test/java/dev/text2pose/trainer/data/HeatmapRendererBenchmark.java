package dev.text2pose.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times {@link HeatmapRenderer} on batches of 64 poses at 64x64 and 32x32. A benchmark, not a test: run it with
 * {@code ./mvnw -B -q -pl trainer test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.text2pose.trainer.data.HeatmapRendererBenchmark}.
 */
public final class HeatmapRendererBenchmark {

    private HeatmapRendererBenchmark() {
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(1);
        List<FramePose> batch = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            float[] x = new float[17];
            float[] y = new float[17];
            boolean[] labelled = new boolean[17];
            for (int i = 0; i < 17; i++) {
                x[i] = (float) random.nextDouble(0, 64);
                y[i] = (float) random.nextDouble(0, 64);
                labelled[i] = random.nextInt(5) != 0;   // about the real share of labelled keypoints
            }
            batch.add(new FramePose(x, y, labelled));
        }
        for (int size : new int[] {64, 32}) {
            HeatmapRenderer renderer = new HeatmapRenderer(size, HeatmapRenderer.Range.SIGNED);
            float[] out = new float[batch.size() * renderer.floatsPerPose()];
            for (int warm = 0; warm < 300; warm++) {
                renderer.render(batch, out);
            }
            int runs = 500;
            long start = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                renderer.render(batch, out);
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf("batch of %d at %dx%d: %.3f ms per batch (%.1f MB written)%n", batch.size(), size,
                    size, ms, out.length * 4 / 1e6);
        }
    }
}
