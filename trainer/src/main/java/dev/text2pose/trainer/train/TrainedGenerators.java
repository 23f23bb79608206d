package dev.text2pose.trainer.train;

import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.WeightArchive;
import org.bytedeco.pytorch.Module;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Loads the generator of a checkpoint for export or evaluation, in eval mode (BatchNorm running statistics).
 * The EMA generator is taken when the run kept one and {@code preferEma} is set, because it is what the run's
 * sample grids show; otherwise the raw generator.
 */
public final class TrainedGenerators {

    private TrainedGenerators() {
    }

    /** The paper model's generator of checkpoint folder {@code folder}; throws if the run trained another model. */
    public static HeatmapGenerator heatmap(Path folder, boolean preferEma) {
        return load(folder, preferEma, ModelKind.HEATMAP, textDim -> new HeatmapGenerator(textDim, 0));
    }

    /** The MLP baseline's generator of checkpoint folder {@code folder}; throws if the run trained another model. */
    public static MlpGenerator mlp(Path folder, boolean preferEma) {
        return load(folder, preferEma, ModelKind.MLP, textDim -> new MlpGenerator(textDim, 0));
    }

    /** The flow model's velocity network of checkpoint folder {@code folder}; throws if the run trained another. */
    public static FlowNetwork flow(Path folder, boolean preferEma) {
        return load(folder, preferEma, ModelKind.FLOW, textDim -> new FlowNetwork(textDim, 0));
    }

    private static <M extends Module> M load(Path folder, boolean preferEma, ModelKind model,
                                             IntFunction<M> create) {
        Checkpoint checkpoint = Checkpoint.read(folder);
        require(checkpoint, model, folder);
        M network = create.apply(checkpoint.textDim());
        WeightArchive.load(network, weights(folder, preferEma));
        network.eval();
        return network;
    }

    /** The weight file that {@link #heatmap}, {@link #mlp} and {@link #flow} read. */
    public static Path weights(Path folder, boolean preferEma) {
        Path ema = folder.resolve(Checkpoint.GENERATOR_EMA);
        return preferEma && Files.isRegularFile(ema) ? ema : folder.resolve(Checkpoint.GENERATOR);
    }

    private static void require(Checkpoint checkpoint, ModelKind model, Path folder) {
        if (checkpoint.config().model() != model) {
            throw new IllegalArgumentException(folder + " holds a " + checkpoint.config().model().label()
                    + " model, not " + model.label());
        }
    }
}
