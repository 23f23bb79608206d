package dev.text2pose.trainer.train;

import dev.text2pose.text.EncoderFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-step smoke runs of both stages and both models, and resume determinism on tiny runs. */
class TrainerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @Test
    void twoStepUnconditionalRunWritesEverything() throws IOException {
        TrainResult result = train(smoke(Stage.UNCOND, ModelKind.HEATMAP), TrainFixtures.unconditional(12),
                dir.resolve("uncond"), false);
        assertEquals(2, result.losses().size());
        assertTrue(result.finished());
        result.losses().forEach(l -> assertTrue(finite(l.values()), l::toString));
        assertEquals(3, Files.readAllLines(dir.resolve("uncond/losses.csv")).size(), "header and two rows");
        assertTrue(Files.isRegularFile(dir.resolve("uncond/samples/step-000002.png")));
        assertTrue(Files.isRegularFile(dir.resolve("uncond/" + LossCurves.FILE)));
        Checkpoint saved = Checkpoint.read(Checkpoint.in(dir.resolve("uncond")));
        assertEquals(2, saved.step());
        assertEquals(result.config(), saved.config());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("uncond 2/2 100.0%"), progress::toString);
    }

    @Test
    void twoStepConditionalRunsOfBothModels() {
        for (ModelKind model : ModelKind.values()) {
            TrainResult result = train(smoke(Stage.COND, model), TrainFixtures.conditional(10, 24),
                    dir.resolve(model.label()), false);
            assertEquals(2, result.endStep());
            result.losses().forEach(l -> assertTrue(finite(l.values()), l::toString));
            assertTrue(result.losses().get(1).penalty() >= 0);
            assertEquals(model == ModelKind.MLP, result.losses().get(1).extraLoss() > 0, model::label);
        }
    }

    @Test
    void resumedRunContinuesTheUninterruptedTrajectory() {
        // Conditional with EMA and augmentation on: every kind of random draw and every piece of state is used.
        TrainConfig config = ConfigCodec.with(smoke(Stage.COND, ModelKind.HEATMAP),
                Map.of("steps", "4", "augment", "true", "emaDecay", "0.9", "checkpointEvery", "1"));
        TrainingData data = TrainFixtures.conditional(10, 24);
        List<StepLosses> whole = train(config, data, dir.resolve("whole"), false).losses();

        TrainConfig half = ConfigCodec.with(config, Map.of("steps", "2"));
        List<StepLosses> pieces = new ArrayList<>(train(half, data, dir.resolve("pieces"), false).losses());
        TrainResult rest = train(config, data, dir.resolve("pieces"), true);
        assertEquals(2, rest.startStep());
        pieces.addAll(rest.losses());

        assertEquals(whole.size(), pieces.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).step(), pieces.get(i).step());
            assertArrayEquals(whole.get(i).values(), pieces.get(i).values(), 1e-6, "step " + (i + 1));
        }
    }

    @Test
    void resumeRefusesAChangedTrajectoryAndAFreshRunRefusesAnOldFolder() {
        TrainConfig config = smoke(Stage.UNCOND, ModelKind.HEATMAP);
        TrainingData data = TrainFixtures.unconditional(8);
        train(config, data, dir.resolve("run"), false);
        assertThrows(IllegalStateException.class, () -> train(config, data, dir.resolve("run"), false));
        TrainConfig changed = ConfigCodec.with(config, Map.of("lrCritic", "0.001", "steps", "3"));
        assertThrows(IllegalArgumentException.class, () -> train(changed, data, dir.resolve("run"), true));
        TrainConfig longer = ConfigCodec.with(config, Map.of("steps", "3"));
        assertEquals(1, train(longer, data, dir.resolve("run"), true).losses().size());
        assertFalse(Files.exists(dir.resolve("run/checkpoint.partial")));
    }

    @Test
    void theCheckpointRecordsTheEncoderAndResumeRefusesVectorsOfAnother() {
        TrainConfig config = smoke(Stage.COND, ModelKind.MLP);
        TrainingData data = TrainFixtures.conditional(8, 24);
        train(config, data, dir.resolve("cond"), false);
        assertEquals(TrainFixtures.FIXTURE_ENCODER, Checkpoint.read(Checkpoint.in(dir.resolve("cond"))).encoder());
        EncoderFingerprint other = new EncoderFingerprint(TrainFixtures.FIXTURE_ENCODER.id(),
                EncoderFingerprint.sha256("other weights"), TrainFixtures.FIXTURE_ENCODER.tokenizerSha256(), 1, "none");
        TrainingData reEmbedded = new TrainingData(data.name(), data.poses(), data.captions(), data.embeddings(), other,
                data.hash());
        TrainConfig longer = ConfigCodec.with(config, Map.of("steps", "3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(longer, reEmbedded, dir.resolve("cond"), true));
        assertTrue(e.getMessage().contains(other.onnxSha256())
                && e.getMessage().contains(TrainFixtures.FIXTURE_ENCODER.onnxSha256()), e.getMessage());
    }

    static TrainConfig smoke(Stage stage, ModelKind model) {
        return TrainConfig.preset("smoke", stage, model);
    }

    private TrainResult train(TrainConfig config, TrainingData data, Path output, boolean resume) {
        return Trainer.run(config, data, new TrainRun(output, resume, "test",
                new PrintStream(progress, true, StandardCharsets.UTF_8)));
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
