package dev.text2pose.trainer.train;

import dev.text2pose.trainer.baseline.MlpCritic;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.model.Critic;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.WeightArchive;

import java.nio.file.Path;

/**
 * Builds a run's networks from its config: the model kind, the stage, and the initial weights, drawn the paper's
 * way from seeds derived from the run's seed, then, for stage 2 with {@code initFrom}, overwritten by the paper's
 * transfer from a stage-1 checkpoint.
 */
final class Gans {

    private Gans() {
    }

    /** Fresh networks for {@code config}, taking {@code textDim}-long text when the stage is conditional. */
    static PoseGan create(TrainConfig config, int textDim) {
        int text = config.conditional() ? textDim : 0;
        if (config.conditional() && textDim <= 0) {
            throw new IllegalArgumentException("stage cond needs caption vectors; the data has none");
        }
        if (config.model() == ModelKind.FLOW) {
            throw new IllegalArgumentException("the flow model has no GAN; FlowTrainer trains it");
        }
        long generatorSeed = RunRandom.derive(config.seed(), "init-generator", 0);
        long criticSeed = RunRandom.derive(config.seed(), "init-critic", 0);
        if (config.model() == ModelKind.MLP) {
            return new MlpGan(new MlpGenerator(text, generatorSeed), new MlpCritic(text, criticSeed));
        }
        HeatmapGenerator generator = new HeatmapGenerator(text, generatorSeed);
        Critic critic = new Critic(text, criticSeed);
        if (!config.initFrom().isEmpty()) {
            transferFromStage1(Path.of(config.initFrom()), config, generator, critic);
        }
        return new HeatmapGan(generator, critic, config.heatmapRange());
    }

    /** The paper's stage-1 to stage-2 transfer, from the raw (not averaged) stage-1 networks of a checkpoint. */
    private static void transferFromStage1(Path checkpoint, TrainConfig config, HeatmapGenerator generator,
                                           Critic critic) {
        TrainConfig stage1 = Checkpoint.read(checkpoint).config();
        if (stage1.stage() != Stage.UNCOND || stage1.model() != ModelKind.HEATMAP) {
            throw new IllegalArgumentException("initFrom must be a stage-1 (uncond) heatmap checkpoint: " + checkpoint);
        }
        if (stage1.heatmapRange() != config.heatmapRange()) {
            throw new IllegalArgumentException("stage 1 was trained on heatmaps in " + stage1.heatmapRange().label()
                    + ", this run uses " + config.heatmapRange().label() + "; set heatmapRange to match");
        }
        HeatmapGenerator g1 = HeatmapGenerator.unconditional(0);
        Critic d1 = Critic.unconditional(0);
        WeightArchive.load(g1, checkpoint.resolve(Checkpoint.GENERATOR));
        WeightArchive.load(d1, checkpoint.resolve(Checkpoint.CRITIC));
        WeightTransfer.generator(g1, generator);
        WeightTransfer.critic(d1, critic);
    }
}
