package dev.text2pose.trainer.train;

import dev.text2pose.text.EncoderFingerprint;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run folders of two-step smoke trainings on {@link TrainFixtures} data, for tests outside this package that need
 * a real checkpoint (the evaluation's checkpoint rows) rather than hand-made weights.
 */
public final class SmokeCheckpoints {

    private SmokeCheckpoints() {
    }

    /**
     * A stage-1 heatmap run in {@code output}, with {@code sets} applied over the smoke preset (e.g. the heatmap
     * range or an EMA decay).
     */
    public static Path unconditional(Path output, Map<String, String> sets) {
        TrainConfig config = ConfigCodec.with(TrainConfig.preset("smoke", Stage.UNCOND, ModelKind.HEATMAP), sets);
        return train(config, TrainFixtures.unconditional(12), output);
    }

    /** The made-up encoder whose fingerprint the conditional runs' checkpoints record. */
    public static final EncoderFingerprint ENCODER = TrainFixtures.FIXTURE_ENCODER;

    /** A stage-2 heatmap (paper's model) run in {@code output} on {@code textDim}-long caption vectors. */
    public static Path conditional(Path output, int textDim) {
        return train(TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP), TrainFixtures.conditional(10, textDim),
                output);
    }

    /** A stage-2 MLP baseline run in {@code output} on {@code textDim}-long caption vectors. */
    public static Path mlp(Path output, int textDim) {
        return train(TrainConfig.preset("smoke", Stage.COND, ModelKind.MLP), TrainFixtures.conditional(10, textDim),
                output);
    }

    /** As {@link #mlp(Path, int)}, its vectors claimed to come from {@code encoder}. */
    public static Path mlp(Path output, int textDim, EncoderFingerprint encoder) {
        TrainingData data = TrainFixtures.conditional(10, textDim);
        return train(TrainConfig.preset("smoke", Stage.COND, ModelKind.MLP), new TrainingData(data.name(), data.poses(),
                data.captions(), data.embeddings(), encoder, data.hash()), output);
    }

    /** A flow-model run in {@code output} on {@code textDim}-long caption vectors. */
    public static Path flow(Path output, int textDim) {
        return train(TrainConfig.preset("smoke", Stage.COND, ModelKind.FLOW), TrainFixtures.conditional(10, textDim),
                output);
    }

    private static Path train(TrainConfig config, TrainingData data, Path output) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        TrainRun run = new TrainRun(output, false, "test", quiet);
        if (config.model() == ModelKind.FLOW) {
            FlowTrainer.run(config, data, run);
        } else {
            Trainer.run(config, data, run);
        }
        return output;
    }
}
