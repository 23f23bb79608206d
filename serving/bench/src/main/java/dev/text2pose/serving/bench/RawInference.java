package dev.text2pose.serving.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.NoiseSampler;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.model.ProviderSession;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inference without Kafka, on the service's own code path ({@link PoseGenerator#generate}: encoder plus generator),
 * and the compute figures: generator-only GFLOP/s and a matrix-multiply ceiling on the same sessions.
 */
final class RawInference {

    /** FLOPs of one generator row of the paper's 64x64 generator (see shared notes): Linear then 5 ConvTranspose. */
    static final double GENERATOR_FLOPS_PER_ROW = paperGeneratorFlops();

    private final PoseGenerator generator;
    private final ModelBundle bundle;
    private final OrtSessions sessions;
    private long nextCaption = 1_000_000;

    RawInference(PoseGenerator generator, ModelBundle bundle, OrtSessions sessions) {
        this.generator = generator;
        this.bundle = bundle;
        this.sessions = sessions;
    }

    /** Requests per second at {@code batch} requests per call, over at least {@code seconds}. */
    double throughput(int batch, double seconds) {
        generator.generate(CaptionCorpus.requests(next(batch), batch)); // warm-up
        long start = System.nanoTime();
        long requests = 0;
        while (System.nanoTime() - start < seconds * 1e9 || requests < 3L * batch) {
            generator.generate(CaptionCorpus.requests(next(batch), batch));
            requests += batch;
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    /** Latencies in ms of single-request calls, sorted. */
    double[] singleRequestLatencies(int calls) {
        return sortedMillis(calls, () -> generator.generate(CaptionCorpus.requests(next(1), 1)));
    }

    /**
     * Latencies in ms of single-row generator calls without the text encoder (precomputed text vectors), sorted:
     * with {@link #singleRequestLatencies} it splits a request's time between encoder and generator.
     */
    double[] generatorOnlyLatencies(int calls) {
        float[][] text = textVectors(1);
        float[][] noise = new NoiseSampler(bundle.metadata().noiseDim()).samples(5L, 1);
        bundle.keypoints(text, noise);
        return sortedMillis(calls, () -> bundle.keypoints(text, noise));
    }

    /** The wall time of each of {@code calls} calls, in ms, sorted. */
    private static double[] sortedMillis(int calls, Runnable call) {
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms;
    }

    /** Generator-only GFLOP/s (no encoder): precomputed text vectors, {@code rows} rows per call. */
    double generatorGflops(int rows, double seconds) {
        float[][] text = textVectors(rows);
        float[][] noise = new NoiseSampler(bundle.metadata().noiseDim()).samples(5L, rows);
        bundle.keypoints(text, noise);
        long start = System.nanoTime();
        long done = 0;
        while (System.nanoTime() - start < seconds * 1e9 || done < 3L * rows) {
            bundle.keypoints(text, noise);
            done += rows;
        }
        return done * GENERATOR_FLOPS_PER_ROW / ((System.nanoTime() - start) / 1e9) / 1e9;
    }

    private float[][] textVectors(int rows) {
        float[][] text = new float[rows][];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < rows; i++) {
            text[i] = unitVector(random, bundle.metadata().embeddingDim());
        }
        return text;
    }

    /** GFLOP/s of an [n, n] x [n, n] float MatMul on the same provider and threads. */
    double matmulGflops(int n, double seconds) {
        try (ProviderSession session = sessions.open(MatMulModel.bytes(n), "matmul-" + n)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[] values = new float[n * n];
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            long[] shape = {n, n};
            try (OnnxTensor a = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
                 OnnxTensor b = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape)) {
                Map<String, OnnxTensor> inputs = Map.of("A", a, "B", b);
                run(session.session(), inputs);
                long start = System.nanoTime();
                int runs = 0;
                while (System.nanoTime() - start < seconds * 1e9 || runs < 3) {
                    run(session.session(), inputs);
                    runs++;
                }
                return runs * MatMulModel.flops(n) / ((System.nanoTime() - start) / 1e9) / 1e9;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("matmul benchmark failed", e);
        }
    }

    private static void run(OrtSession session, Map<String, OnnxTensor> inputs) throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            result.get(0);
        }
    }

    private long next(int count) {
        long from = nextCaption;
        nextCaption += count;
        return from;
    }

    private static float[] unitVector(SplittableRandom random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double paperGeneratorFlops() {
        double flops = 2.0 * 384 * 128; // text compression Linear(384 -> 128)
        int[][] layers = {{1, 256, 256}, {4, 256, 128}, {8, 128, 64}, {16, 64, 32}, {32, 32, 17}}; // in size, in, out
        List<Double> perLayer = new ArrayList<>();
        for (int[] l : layers) {
            perLayer.add(2.0 * l[0] * l[0] * l[1] * l[2] * 4 * 4); // every input pixel scatters a 4x4 kernel
        }
        return flops + perLayer.stream().mapToDouble(Double::doubleValue).sum();
    }
}
