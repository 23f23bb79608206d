package dev.text2pose.trainer.train;

import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.model.WeightArchive;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow model's training loop on hand-made poses: it learns, it resumes exactly, and its samples decode. */
class FlowTrainerTest {

    @TempDir
    Path dir;

    private static TrainConfig smoke(Map<String, String> sets) {
        return ConfigCodec.with(TrainConfig.preset("smoke", Stage.COND, ModelKind.FLOW), sets);
    }

    private static TrainResult train(TrainConfig config, TrainingData data, Path output, boolean resume) {
        PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return FlowTrainer.run(config, data, new TrainRun(output, resume, "test", progress));
    }

    @Test
    void lossFallsAndSamplesLandNearTheTrainingPoses() {
        TrainingData data = TrainFixtures.conditional(64, 24);
        // Scale 1: the fixture's captions are random 24-d unit vectors with nothing to say about the poses; at the
        // default 15 their projection swamps the pose input of so small a text and the toy learns far slower.
        TrainResult result = train(smoke(Map.of("steps", "600", "batchSize", "32", "logEvery", "100", "embeddingScale", "1")), data,
                dir.resolve("learn"), false);
        double first = meanLoss(result.losses().subList(0, 20));
        double last = meanLoss(result.losses().subList(580, 600));
        // Noise-to-pose velocity has variance about 2 per number at the start; the fixture poses are a template
        // with 2 px jitter, so a network that learned them must at least halve the loss (a broken one stays flat).
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);

        FlowNetwork network = FlowTrainer.newNetwork(result.config(), data.textDim());
        WeightArchive.load(network, result.checkpoint().resolve(Checkpoint.GENERATOR));
        Tensor text = Tensor.create(new float[8 * 24], 8, 24);
        float[][][] keypoints = keypoints(new FlowSampler(10, 1f).sample(network, randn(8, FlowPoses.WIDTH), text));
        // The fixture's mean shoulder is at x 24/64 and 40/64, y 16/64; 4 px (1/16 frame) is far beyond the jitter's
        // mean but well inside what an untrained network (coordinates spread over the whole frame) would give.
        double error = 0;
        for (float[][] pose : keypoints) {
            error += Math.abs(pose[5][0] - 24 / 64f) + Math.abs(pose[6][0] - 40 / 64f) + Math.abs(pose[5][1] - 16 / 64f);
        }
        assertTrue(error / (3 * keypoints.length) < 4 / 64f, "mean shoulder error " + error / (3 * keypoints.length));
    }

    @Test
    void resumedRunContinuesTheUninterruptedTrajectory() {
        TrainConfig config = smoke(Map.of("steps", "4", "augment", "true", "emaDecay", "0.9", "checkpointEvery",
                "1"));
        TrainingData data = TrainFixtures.conditional(10, 24);
        List<StepLosses> whole = train(config, data, dir.resolve("whole"), false).losses();
        List<StepLosses> pieces = new ArrayList<>(train(ConfigCodec.with(config, Map.of("steps", "2")), data,
                dir.resolve("pieces"), false).losses());
        TrainResult rest = train(config, data, dir.resolve("pieces"), true);
        assertEquals(2, rest.startStep());
        pieces.addAll(rest.losses());
        assertEquals(4, pieces.size());
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i).values(), pieces.get(i).values(), 1e-6, "step " + (i + 1));
        }
    }

    @Test
    void guidedAndUnguidedSamplersGiveOnePoseVectorPerRow() {
        FlowNetwork network = new FlowNetwork(24, 7);
        Tensor text = randn(5, 24);
        Tensor noise = randn(5, FlowPoses.WIDTH);
        Tensor plain = new FlowSampler(4, 1f).sample(network, noise, text);
        Tensor guided = new FlowSampler(4, 2.5f).sample(network, noise, text);
        assertArrayEquals(new long[] {5, FlowPoses.WIDTH}, plain.sizes().vec().get());
        assertArrayEquals(new long[] {5, FlowPoses.WIDTH}, guided.sizes().vec().get());
        // Guidance adds w-1 times (v_text - v_null): on an untrained network with a nonzero text the two differ.
        assertTrue(plain.sub(guided).abs().max().item_double() > 1e-4);
    }

    @Test
    void boundedSamplerKeepsARunawayGuidedFlowInsideTheFrame() {
        FlowNetwork network = new FlowNetwork(24, 7);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            network.out().weight().mul_(new Scalar(100.0)); // velocities far beyond any pose's, as off the data
        }
        Tensor text = randn(5, 24);
        Tensor noise = randn(5, FlowPoses.WIDTH);
        float[] free = values(new FlowSampler(4, 3f, 1f, false).sample(network, noise, text));
        float[] bounded = values(new FlowSampler(4, 3f, 1f, true).sample(network, noise, text));
        float[] lower = FlowPoses.lowerBounds();
        float[] upper = FlowPoses.upperBounds();
        boolean freeLeft = false;
        for (int i = 0; i < free.length; i++) {
            int j = i % FlowPoses.WIDTH;
            freeLeft |= free[i] < lower[j] || free[i] > upper[j];
            assertTrue(bounded[i] >= lower[j] && bounded[i] <= upper[j], "number " + j + " = " + bounded[i]);
        }
        assertTrue(freeLeft, "the unbounded sampler should leave the box for the test to mean anything");
    }

    @Test
    void everyUpdateRecordsItsGradientNorm() {
        TrainResult result = train(smoke(Map.of("steps", "3")), TrainFixtures.conditional(10, 24),
                dir.resolve("norms"), false);
        for (StepLosses losses : result.losses()) {
            assertTrue(losses.gradNorm() > 0 && Double.isFinite(losses.gradNorm()), "step " + losses.step() + ": "
                    + losses.gradNorm());
        }
    }

    private static float[] values(Tensor tensor) {
        Tensor dense = tensor.contiguous();
        float[] out = new float[(int) dense.numel()];
        dense.data_ptr_float().get(out);
        return out;
    }

    private static double meanLoss(List<StepLosses> losses) {
        return losses.stream().mapToDouble(StepLosses::generatorLoss).average().orElseThrow();
    }

    private static float[][][] keypoints(Tensor vectors) {
        Tensor dense = vectors.contiguous();
        int n = (int) dense.size(0);
        float[] values = new float[n * FlowPoses.WIDTH];
        dense.data_ptr_float().get(values);
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            out[i] = FlowPoses.keypoints(values, i * FlowPoses.WIDTH);
        }
        return out;
    }
}
