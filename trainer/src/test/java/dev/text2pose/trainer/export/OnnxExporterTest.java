package dev.text2pose.trainer.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trip: a random-init generator with non-trivial BatchNorm statistics, exported and run in ONNX Runtime, must
 * match the libtorch eval-mode forward pass, and its in-graph keypoints must decode its own heatmaps.
 */
@SuppressWarnings("try") // NoGradGuard and PointerScope work by their extent, never referenced
class OnnxExporterTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporterTest.class);
    private static final int SIZE = PaperSpec.HEATMAP_SIZE;
    private static final EncoderFingerprint ENCODER = new EncoderFingerprint("sentence-transformers/all-MiniLM-L6-v2",
            EncoderFingerprint.sha256("model"), EncoderFingerprint.sha256("tokenizer"), 256, "mean,l2");

    @TempDir
    static Path dir;

    private static OrtEnvironment environment;
    private static HeatmapGenerator generator;
    private static BundleMetadata written;
    private static OrtSession session;

    @BeforeAll
    static void exportRandomGeneratorWithRunningStatistics() throws IOException, OrtException {
        generator = HeatmapGenerator.conditional(7);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            // Running statistics taken from train-mode batches, so the export must carry them. Momentum 1 makes
            // them exactly the last batch's: with the default 0.1, a few passes leave them near (0, 1), and eval-mode
            // heatmaps then come out ~50x smaller than in training, too small for the parity check to mean much.
            // The text has norm about 15, like a scaled unit-norm sentence vector.
            manual_seed(7);
            generator.train(true);
            for (int i = 0; i < generator.layers().size() - 1; i++) {
                generator.norm(i).options().momentum().put(1.0);
            }
            float perComponent = TextScaling.DEFAULT_EMBEDDING_SCALE / (float) Math.sqrt(PaperSpec.TEXT_DIM);
            for (int i = 0; i < 2; i++) {
                generator.forward(randn(32, PaperSpec.NOISE_DIM), TextScaling.apply(randn(32, PaperSpec.TEXT_DIM), perComponent));
            }
        }
        generator.eval();
        written = new OnnxExporter().export(paper(generator, HeatmapRange.MINUS_ONE_TO_ONE), description(7),
                dir.resolve("bundle.onnx"));
        environment = OrtEnvironment.getEnvironment();
        session = open(dir.resolve("bundle.onnx"));
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 32})
    void onnxRuntimeMatchesLibtorchAndDecodesKeypointsInGraph(int batch) throws OrtException {
        Random random = new Random(batch);
        float[] text = TensorArrays.unitRows(random, batch, PaperSpec.TEXT_DIM);
        float[] noise = TensorArrays.gaussian(random, batch * PaperSpec.NOISE_DIM);
        float[] expected = libtorchHeatmaps(text, noise, batch, TextScaling.DEFAULT_EMBEDDING_SCALE);
        try (OrtSession.Result result = run(session, text, noise, batch)) {
            float[] heatmaps = output(result, GeneratorGraph.HEATMAP_OUTPUT);
            float[] keypoints = output(result, GeneratorGraph.KEYPOINT_OUTPUT);
            assertEquals(expected.length, heatmaps.length);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - heatmaps[i]));
            }
            LOG.info("parity at batch {}: max abs heatmap difference libtorch vs ONNX Runtime {} (heatmap std {})",
                    batch, maxDiff, std(expected));
            assertTrue(std(expected) > 0.05, "heatmaps too flat for a meaningful parity check");
            assertTrue(maxDiff <= 1e-4, "max abs difference " + maxDiff);
            assertKeypointsDecode(heatmaps, keypoints, batch * PaperSpec.KEYPOINTS, HeatmapRange.MINUS_ONE_TO_ONE);
        }
    }

    @Test
    void metadataRoundTripsThroughOnnxRuntime() throws OrtException {
        Map<String, String> props = session.getMetadata().getCustomMetadata();
        BundleMetadata read = BundleMetadata.fromProperties(props);
        assertEquals(written, read);
        assertFalse(read.trained());
        assertTrue(read.modelVersion().matches("paper-cgan-64-untrained-[0-9a-f]{8}"), read.modelVersion());
        assertEquals(TextScaling.DEFAULT_EMBEDDING_SCALE, read.embeddingScale());
        assertEquals(new BundleMetadata.Heatmaps(64, "[-1,1]"), read.heatmaps());
        assertEquals(384, read.embeddingDim());
        assertEquals("7", read.provenance().get("seed"));
        assertEquals(ENCODER, read.encoderFingerprint());
        assertEquals(OnnxExporter.PRODUCER, session.getMetadata().getProducerName());
    }

    @Test
    void graphDeclaresTheServingContractWithADynamicBatch() throws OrtException {
        assertArrayEquals(new long[] {-1, 384}, shape(session.getInputInfo().get(GeneratorGraph.TEXT_INPUT)));
        assertArrayEquals(new long[] {-1, 128}, shape(session.getInputInfo().get(GeneratorGraph.NOISE_INPUT)));
        assertArrayEquals(new long[] {-1, 17, 64, 64}, shape(session.getOutputInfo().get(GeneratorGraph.HEATMAP_OUTPUT)));
        assertArrayEquals(new long[] {-1, 17, 3}, shape(session.getOutputInfo().get(GeneratorGraph.KEYPOINT_OUTPUT)));
    }

    @Test
    void modelVersionIsAContentHashOfTheWeights() throws IOException {
        HeatmapGenerator sameSeed = HeatmapGenerator.conditional(3);
        String first = new OnnxExporter().export(paper(sameSeed, HeatmapRange.MINUS_ONE_TO_ONE), description(3),
                dir.resolve("a.onnx")).modelVersion();
        String again = new OnnxExporter().export(paper(HeatmapGenerator.conditional(3), HeatmapRange.MINUS_ONE_TO_ONE),
                description(3), dir.resolve("b.onnx")).modelVersion();
        String other = new OnnxExporter().export(paper(HeatmapGenerator.conditional(4), HeatmapRange.MINUS_ONE_TO_ONE),
                description(4), dir.resolve("c.onnx")).modelVersion();
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void zeroToOneRangeDecodesTheRawHeatmaps() throws IOException, OrtException {
        Path file = dir.resolve("01.onnx");
        new OnnxExporter().export(paper(generator, HeatmapRange.ZERO_TO_ONE), description(7), file);
        Random random = new Random(11);
        int batch = 2;
        try (OrtSession zeroToOne = open(file);
             OrtSession.Result result = run(zeroToOne, TensorArrays.unitRows(random, batch, PaperSpec.TEXT_DIM),
                     TensorArrays.gaussian(random, batch * PaperSpec.NOISE_DIM), batch)) {
            assertEquals("[0,1]", zeroToOne.getMetadata().getCustomMetadata().get("text2pose.heatmap_range"));
            assertKeypointsDecode(output(result, GeneratorGraph.HEATMAP_OUTPUT),
                    output(result, GeneratorGraph.KEYPOINT_OUTPUT), batch * PaperSpec.KEYPOINTS, HeatmapRange.ZERO_TO_ONE);
        }
    }

    @Test
    void aCalibratedGraphRaisesEachConfidenceToItsKeypointsExponentAndRecordsTheThresholds()
            throws IOException, OrtException {
        float[] thresholds = new float[PaperSpec.KEYPOINTS];
        for (int k = 0; k < thresholds.length; k++) {
            thresholds[k] = 0.1f + 0.02f * k;
        }
        PresenceCalibration calibration = new PresenceCalibration(thresholds, PaperSpec.PRESENCE_THRESHOLD);
        Path file = dir.resolve("calibrated.onnx");
        new OnnxExporter().export(paper(generator, HeatmapRange.MINUS_ONE_TO_ONE), description(7).withPresence(calibration),
                file);
        Random random = new Random(13);
        int batch = 4;
        float[] text = TensorArrays.unitRows(random, batch, PaperSpec.TEXT_DIM);
        float[] noise = TensorArrays.gaussian(random, batch * PaperSpec.NOISE_DIM);
        try (OrtSession calibrated = open(file);
             OrtSession.Result raw = run(session, text, noise, batch);
             OrtSession.Result result = run(calibrated, text, noise, batch)) {
            float[] before = output(raw, GeneratorGraph.KEYPOINT_OUTPUT);
            float[] after = output(result, GeneratorGraph.KEYPOINT_OUTPUT);
            for (int c = 0; c < batch * PaperSpec.KEYPOINTS; c++) {
                int k = c % PaperSpec.KEYPOINTS;
                assertEquals(before[c * 3], after[c * 3], "x of channel " + c);
                assertEquals(before[c * 3 + 1], after[c * 3 + 1], "y of channel " + c);
                // float32 Pow in the graph against double Math.pow: a few ulps apart, far below the 1e-3 steps
                // between thresholds a wrong exponent or keypoint order would show.
                assertEquals(calibration.apply(k, before[c * 3 + 2]), after[c * 3 + 2], 1e-5f,
                        "calibrated confidence of channel " + c);
            }
            assertEquals(calibration.describe(), BundleMetadata.fromProperties(calibrated.getMetadata()
                    .getCustomMetadata()).provenance().get(OnnxExporter.PRESENCE_THRESHOLDS_KEY));
        }
        assertFalse(written.provenance().containsKey(OnnxExporter.PRESENCE_THRESHOLDS_KEY), "uncalibrated: none");
    }

    @Test
    void unconditionalGeneratorIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> paper(HeatmapGenerator.unconditional(0), HeatmapRange.MINUS_ONE_TO_ONE));
    }

    /**
     * The graph's keypoints decode its own heatmaps: per channel, the first maximum's column and row over the size,
     * and the maximum mapped to [0, 1] as the confidence.
     */
    private static void assertKeypointsDecode(float[] heatmaps, float[] keypoints, int channels, HeatmapRange range) {
        int plane = SIZE * SIZE;
        for (int c = 0; c < channels; c++) {
            int best = 0;
            for (int i = 1; i < plane; i++) {
                if (heatmaps[c * plane + i] > heatmaps[c * plane + best]) {
                    best = i;
                }
            }
            float peak = heatmaps[c * plane + best];
            float unit = range == HeatmapRange.MINUS_ONE_TO_ONE ? peak * 0.5f + 0.5f : peak;
            assertEquals((best % SIZE) / (float) SIZE, keypoints[c * 3], "x of channel " + c);
            assertEquals((best / SIZE) / (float) SIZE, keypoints[c * 3 + 1], "y of channel " + c);
            assertEquals(unit, keypoints[c * 3 + 2], 1e-6f, "confidence of channel " + c);
        }
    }

    private static float[] libtorchHeatmaps(float[] text, float[] noise, int batch, float scale) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor textTensor = TextScaling.apply(Tensor.create(text, batch, PaperSpec.TEXT_DIM), scale);
            Tensor noiseTensor = Tensor.create(noise, batch, PaperSpec.NOISE_DIM);
            return TensorArrays.values(generator.forward(noiseTensor, textTensor));
        }
    }

    private static double std(float[] values) {
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        return Math.sqrt(squares / values.length - mean * mean);
    }

    private static OrtSession open(Path file) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            return environment.createSession(file.toString(), options);
        }
    }

    private static OrtSession.Result run(OrtSession target, float[] text, float[] noise, int batch) throws OrtException {
        try (OnnxTensor textInput = OnnxTensor.createTensor(environment, FloatBuffer.wrap(text),
                new long[] {batch, PaperSpec.TEXT_DIM});
             OnnxTensor noiseInput = OnnxTensor.createTensor(environment, FloatBuffer.wrap(noise),
                     new long[] {batch, PaperSpec.NOISE_DIM})) {
            return target.run(Map.of(GeneratorGraph.TEXT_INPUT, textInput, GeneratorGraph.NOISE_INPUT, noiseInput));
        }
    }

    private static float[] output(OrtSession.Result result, String name) {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    private static OnnxExportable paper(HeatmapGenerator generator, HeatmapRange range) {
        return new HeatmapGeneratorExport(generator, range);
    }

    private static BundleDescription description(long seed) {
        return BundleDescription.of(false, ENCODER, TextScaling.DEFAULT_EMBEDDING_SCALE, PaperSpec.PRESENCE_THRESHOLD,
                Map.of("seed", Long.toString(seed), "preset", "untrained"));
    }
}
