package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.NoiseSampler;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.model.PoseRequest;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.text.TextEncoder;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.CheckpointExport;
import dev.text2pose.trainer.train.SmokeCheckpoints;
import dev.text2pose.trainer.train.TrainedGenerators;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every model kind from a training checkpoint to a pose through the service's own path: a two-step smoke run is
 * exported ({@link CheckpointExport}), loaded and validated by {@link ModelBundle#load}, and answers a request through
 * {@link PoseGenerator}, whose poses must be what the libtorch network gives for the same caption vector and noise.
 */
@SuppressWarnings("try") // NoGradGuard works by its extent
class BundleRoundTripTest {

    private static final int TEXT_DIM = 384;
    private static final int SAMPLES = 4;
    private static final long SEED = 11;
    private static final String CAPTION = "a man swinging a tennis racket";
    private static final OrtSessions CPU = OrtSessions.cpu();

    @TempDir
    static Path dir;

    private static Path conditional;
    private static Path mlp;
    private static Path unconditional;
    private static Path flow;

    @BeforeAll
    static void trainSmokeRuns() {
        conditional = SmokeCheckpoints.conditional(dir.resolve("cond"), TEXT_DIM);
        mlp = SmokeCheckpoints.mlp(dir.resolve("mlp"), TEXT_DIM);
        unconditional = SmokeCheckpoints.unconditional(dir.resolve("uncond"), Map.of("heatmapRange", "[-1,1]"));
        flow = SmokeCheckpoints.flow(dir.resolve("flow"), TEXT_DIM);
    }

    @Test
    void paperGenerator() throws IOException {
        List<Pose> served = serve(conditional, "cond.onnx", new FixtureEncoder(SmokeCheckpoints.ENCODER));
        HeatmapGenerator network = TrainedGenerators.heatmap(Checkpoint.in(conditional), true);
        float scale = Checkpoint.read(Checkpoint.in(conditional)).config().embeddingScale();
        float[] heatmaps;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            heatmaps = TensorArrays.values(network.forward(noise(), TextScaling.apply(text(), scale)));
        }
        assertDecodesTheHeatmaps(served, heatmaps, false);
    }

    @Test
    void stageOneGeneratorTakesTheCaptionAndIgnoresIt() throws IOException {
        // Its bundle names MiniLM, whose vectors it takes and ignores, with no fingerprint: any MiniLM-named
        // encoder of that width is accepted.
        EncoderFingerprint miniLmNamed = new EncoderFingerprint(MiniLmEncoder.ID, SmokeCheckpoints.ENCODER.onnxSha256(),
                SmokeCheckpoints.ENCODER.tokenizerSha256(), MiniLmEncoder.MAX_TOKENS, MiniLmEncoder.POOLING);
        List<Pose> served = serve(unconditional, "uncond.onnx", new FixtureEncoder(miniLmNamed));
        HeatmapGenerator network = TrainedGenerators.heatmap(Checkpoint.in(unconditional), true);
        float[] heatmaps;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            heatmaps = TensorArrays.values(network.forward(noise()));
        }
        assertDecodesTheHeatmaps(served, heatmaps, true);
    }

    @Test
    void regressionMlp() throws IOException {
        List<Pose> served = serve(mlp, "mlp.onnx", new FixtureEncoder(SmokeCheckpoints.ENCODER));
        MlpGenerator network = TrainedGenerators.mlp(Checkpoint.in(mlp), true);
        float scale = Checkpoint.read(Checkpoint.in(mlp)).config().embeddingScale();
        float[][][] expected;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            expected = MlpPoses.keypoints(network.forward(noise(), TextScaling.apply(text(), scale)));
        }
        for (int s = 0; s < SAMPLES; s++) {
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                Keypoint got = served.get(s).keypoint(k);
                // Three small Gemms in float32: libtorch and ONNX Runtime differ by about 1e-6; a wrong slice,
                // scale or activation moves a value by 0.01 or more.
                assertEquals(expected[s][k][0], got.x(), 1e-4, "x, sample " + s + " keypoint " + k);
                assertEquals(expected[s][k][1], got.y(), 1e-4, "y, sample " + s + " keypoint " + k);
                assertEquals(expected[s][k][2], got.confidence(), 1e-4, "visibility, sample " + s + " keypoint " + k);
            }
        }
    }

    @Test
    void flowGenerator() throws IOException {
        List<Pose> served = serve(flow, "flow.onnx", new FixtureEncoder(SmokeCheckpoints.ENCODER));
        FlowNetwork network = TrainedGenerators.flow(Checkpoint.in(flow), true);
        float scale = Checkpoint.read(Checkpoint.in(flow)).config().embeddingScale();
        float[] vectors = TensorArrays.values(FlowSampler.SHIPPED.sample(network, noise(FlowPoses.WIDTH),
                TextScaling.apply(text(), scale)));
        for (int s = 0; s < SAMPLES; s++) {
            float[][] expected = FlowPoses.keypoints(vectors, s * FlowPoses.WIDTH);
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                Keypoint got = served.get(s).keypoint(k);
                // 2 x 10 float32 network passes: libtorch and ONNX Runtime differ by about 1e-6; a wrong step, time
                // constant or guidance weight moves a keypoint by 0.01 of the frame or more.
                assertEquals(expected[k][0], got.x(), 1e-4, "x, sample " + s + " keypoint " + k);
                assertEquals(expected[k][1], got.y(), 1e-4, "y, sample " + s + " keypoint " + k);
                assertEquals(expected[k][2], got.confidence(), 1e-4, "confidence, sample " + s + " keypoint " + k);
            }
        }
    }

    /** Exports run {@code run}, loads it as the service does and answers one request of {@link #SAMPLES} samples. */
    private static List<Pose> serve(Path run, String file, TextEncoder encoder) throws IOException {
        Path bundle = dir.resolve(file);
        BundleMetadata written = CheckpointExport.of(run, true).write(bundle);
        try (ModelBundle loaded = ModelBundle.load(bundle, CPU)) {
            assertEquals(written, loaded.metadata());
            GeneratedPoses poses = new PoseGenerator(loaded, encoder)
                    .generate(List.of(PoseRequest.of(CAPTION, SAMPLES, SEED))).get(0);
            assertEquals(SAMPLES, poses.samples().size());
            return poses.samples().stream().map(frames -> frames.get(0)).toList();
        }
    }

    /** Each served keypoint sits on its channel's maximum, and its confidence is that maximum in [0, 1]. */
    private static void assertDecodesTheHeatmaps(List<Pose> served, float[] heatmaps, boolean signed) {
        int side = PaperSpec.HEATMAP_SIZE;
        int plane = side * side;
        assertEquals(SAMPLES * PaperSpec.KEYPOINTS * plane, heatmaps.length);
        for (int s = 0; s < SAMPLES; s++) {
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                int offset = (s * PaperSpec.KEYPOINTS + k) * plane;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < plane; i++) {
                    max = Math.max(max, heatmaps[offset + i]);
                }
                Keypoint got = served.get(s).keypoint(k);
                float unit = signed ? max * 0.5f + 0.5f : max;
                // Convolutions summed in another order differ by about 1e-6; the next-best cell of a misplaced
                // argmax, or a confidence decoded in the wrong range, is off by far more than 1e-4.
                assertEquals(unit, got.confidence(), 1e-4, "confidence, sample " + s + " keypoint " + k);
                float atServed = heatmaps[offset + Math.round(got.y() * side) * side + Math.round(got.x() * side)];
                assertEquals(max, atServed, 1e-4, "value at the served position, sample " + s + " keypoint " + k);
            }
        }
    }

    private static Tensor noise() {
        return noise(PaperSpec.NOISE_DIM);
    }

    /** The noise the service draws for the request: {@link NoiseSampler} with the request's seed. */
    private static Tensor noise(int dim) {
        float[][] rows = new NoiseSampler(dim).samples(SEED, SAMPLES);
        float[] flat = new float[SAMPLES * dim];
        for (int s = 0; s < SAMPLES; s++) {
            System.arraycopy(rows[s], 0, flat, s * dim, dim);
        }
        return Tensor.create(flat, SAMPLES, dim);
    }

    private static Tensor text() {
        float[] vector = new FixtureEncoder(SmokeCheckpoints.ENCODER).encode(CAPTION);
        float[] flat = new float[SAMPLES * TEXT_DIM];
        for (int s = 0; s < SAMPLES; s++) {
            System.arraycopy(vector, 0, flat, s * TEXT_DIM, TEXT_DIM);
        }
        return Tensor.create(flat, SAMPLES, TEXT_DIM);
    }

    /** An encoder that answers a caption with a unit vector drawn from its hash, under a given fingerprint. */
    private record FixtureEncoder(EncoderFingerprint fingerprint) implements TextEncoder {

        @Override
        public int dimension() {
            return TEXT_DIM;
        }

        @Override
        public float[][] encode(List<String> captions) {
            return captions.stream().map(c -> TensorArrays.unitRows(new Random(c.hashCode()), 1, TEXT_DIM))
                    .toArray(float[][]::new);
        }

        @Override
        public void close() {
        }
    }
}
