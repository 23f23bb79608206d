package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.model.PoseRequest;
import dev.text2pose.pose.Pose;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flow generator's bundle: ONNX Runtime runs the unrolled sampler as libtorch's {@link FlowSampler} does, and the
 * file goes through the service's own loading, validation and {@link PoseGenerator} with no flow-specific code.
 */
class FlowNetworkExportTest {

    private static final float SCALE = TextScaling.DEFAULT_EMBEDDING_SCALE;

    @TempDir
    static Path dir;

    private static FlowNetwork network;

    @BeforeAll
    @SuppressWarnings("try")
    static void perturbedNetwork() {
        network = new FlowNetwork(PaperSpec.TEXT_DIM, 7);
        // The blocks' last layers start at zero; give them weights so that the parity check covers every layer.
        try (NoGradGuard noGrad = new NoGradGuard()) {
            manual_seed(7);
            for (int i = 0; i < FlowNetwork.BLOCKS; i++) {
                network.fc2(i).weight().normal_(0.0, 0.05, new org.bytedeco.pytorch.GeneratorOptional());
                network.fc2(i).bias().normal_(0.0, 0.05, new org.bytedeco.pytorch.GeneratorOptional());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 8, 1.0, 1.0, false", "5, 8, 2.5, 1.0, false", "32, 3, 0.0, 0.7, false", "5, 8, 4.0, 1.0, true",
            "32, 3, 1.0, 0.7, true"})
    void onnxRuntimeRunsTheSamplerAsLibtorchDoes(int batch, int steps, float guidance, float temperature,
                                                 boolean bounded) throws IOException {
        FlowSampler sampler = new FlowSampler(steps, guidance, temperature, bounded);
        Path file = dir.resolve("flow-" + batch + ".onnx");
        new OnnxExporter().export(new FlowNetworkExport(network, sampler), description(), file);
        Random random = new Random(batch);
        float[][] text = new float[batch][];
        float[][] noise = new float[batch][];
        float[] textFlat = TensorArrays.unitRows(random, batch, PaperSpec.TEXT_DIM);
        float[] noiseFlat = TensorArrays.gaussian(random, batch * FlowPoses.WIDTH);
        for (int i = 0; i < batch; i++) {
            text[i] = Arrays.copyOfRange(textFlat, i * PaperSpec.TEXT_DIM, (i + 1) * PaperSpec.TEXT_DIM);
            noise[i] = Arrays.copyOfRange(noiseFlat, i * FlowPoses.WIDTH, (i + 1) * FlowPoses.WIDTH);
        }
        Tensor sampled = sampler.sample(network, Tensor.create(noiseFlat, batch, FlowPoses.WIDTH),
                TextScaling.apply(Tensor.create(textFlat, batch, PaperSpec.TEXT_DIM), SCALE)).contiguous();
        float[] vectors = new float[batch * FlowPoses.WIDTH];
        sampled.data_ptr_float().get(vectors);
        float[][][] served;
        try (ModelBundle bundle = ModelBundle.load(file, OrtSessions.cpu())) {
            served = bundle.keypoints(text, noise);
        }
        double maxDiff = 0;
        double spread = 0;
        for (int i = 0; i < batch; i++) {
            float[][] expected = FlowPoses.keypoints(vectors, i * FlowPoses.WIDTH);
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                for (int c = 0; c < 3; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[k][c] - served[i][k][c]));
                }
                spread = Math.max(spread, Math.abs(expected[k][0] - 0.5));
            }
        }
        // Float32 rounding through up to 2 x 8 network passes stays near 1e-6; a wrong weight, step or time
        // constant moves keypoints by more than 1e-2 of the frame.
        assertTrue(maxDiff <= 1e-4, "max abs keypoint difference " + maxDiff);
        assertTrue(spread > 0.05, "samples too close to the frame centre for the check to mean much: " + spread);
    }

    @Test
    void theBundleLoadsValidatesAndGeneratesThroughTheServicePath() throws IOException {
        Path file = dir.resolve("served.onnx");
        BundleMetadata written = new OnnxExporter().export(new FlowNetworkExport(network, new FlowSampler(4, 2f)),
                description(), file);
        assertNull(written.heatmaps(), "keypoints only");
        assertEquals(FlowPoses.WIDTH, written.noiseDim());
        assertTrue(written.modelVersion().startsWith(FlowNetworkExport.ARCHITECTURE + "-untrained-"));
        OrtSessions sessions = OrtSessions.cpu();
        try (ModelBundle bundle = ModelBundle.load(file, sessions);
             MiniLmEncoder encoder = MiniLmEncoder.load(sessions)) {
            assertEquals(written, bundle.metadata());
            List<GeneratedPoses> out = new PoseGenerator(bundle, encoder).generate(
                    List.of(PoseRequest.of("a man swinging a tennis racket", 3, 11L)));
            assertEquals(3, out.get(0).samples().size());
            for (List<Pose> frames : out.get(0).samples()) {
                assertEquals(PaperSpec.KEYPOINTS, frames.get(0).keypoints().size());
            }
        }
    }

    private static BundleDescription description() {
        return BundleDescription.of(false, MiniLmEncoder.classpathFingerprint(), SCALE, FlowPoses.PRESENCE_THRESHOLD,
                Map.of("seed", "7"));
    }

}
