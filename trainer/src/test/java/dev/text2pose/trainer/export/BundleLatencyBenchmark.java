package dev.text2pose.trainer.export;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.ExecutionProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Raw inference latency of model bundles side by side, as the service calls them ({@link ModelBundle#keypoints}):
 * per round, every bundle at every batch size once, in turn, so that a change in the machine's load hits all of
 * them alike; then the median and 90th percentile per bundle and size. A benchmark, not a test. Arguments:
 * {@code --threads N --rounds R --sizes 1,64 BUNDLE...}; prints one line per bundle and size, e.g.
 * {@code bundle=flow.onnx batch=64 median_ms=3.10 p90_ms=3.60 rows_per_s=20645}.
 */
public final class BundleLatencyBenchmark {

    private BundleLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int threads = 1;
        int rounds = 200;
        int[] sizes = {1, 64};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> files.add(Path.of(args[i]));
            }
        }
        OrtSessions sessions = new OrtSessions(ExecutionProvider.CPU, threads);
        List<ModelBundle> bundles = files.stream().map(f -> ModelBundle.load(f, sessions)).toList();
        Random random = new Random(0);
        double[][][] times = new double[bundles.size()][sizes.length][rounds];
        for (int r = -rounds / 10; r < rounds; r++) { // the first tenth warms up and is not kept
            for (int s = 0; s < sizes.length; s++) {
                for (int b = 0; b < bundles.size(); b++) {
                    ModelBundle bundle = bundles.get(b);
                    float[][] text = rows(random, sizes[s], bundle.metadata().embeddingDim());
                    float[][] noise = rows(random, sizes[s], bundle.metadata().noiseDim());
                    long start = System.nanoTime();
                    bundle.keypoints(text, noise);
                    if (r >= 0) {
                        times[b][s][r] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        for (int b = 0; b < bundles.size(); b++) {
            for (int s = 0; s < sizes.length; s++) {
                double[] t = times[b][s].clone();
                Arrays.sort(t);
                double median = t[t.length / 2];
                System.out.printf("bundle=%s version=%s threads=%d batch=%d rounds=%d median_ms=%.3f p90_ms=%.3f "
                                + "rows_per_s=%.0f%n", files.get(b).getFileName(), bundles.get(b).metadata().modelVersion(),
                        threads, sizes[s], rounds, median, t[(int) (t.length * 0.9)], sizes[s] * 1000 / median);
            }
        }
        bundles.forEach(ModelBundle::close);
    }

    private static float[][] rows(Random random, int n, int dim) {
        float[][] out = new float[n][dim];
        for (float[] row : out) {
            for (int i = 0; i < dim; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return out;
    }
}
