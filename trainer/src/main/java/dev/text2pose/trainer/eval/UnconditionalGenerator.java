package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.model.HeatmapDecoder;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.Stage;
import dev.text2pose.trainer.train.TrainedGenerators;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Path;

/**
 * The stage-1 generator of a {@code train --stage uncond} checkpoint: noise alone goes in, the caption is ignored,
 * and its heatmaps are decoded as a bundle decodes them ({@link HeatmapDecoder}, presence above
 * {@link PaperSpec#PRESENCE_THRESHOLD}). It shows what the conditional generator gains by reading the text: realistic
 * poses that follow no caption.
 */
public final class UnconditionalGenerator extends CheckpointGenerator {

    private final HeatmapGenerator generator;
    private final HeatmapRange range;

    UnconditionalGenerator(HeatmapGenerator generator, HeatmapRange range) {
        super(0);
        if (generator.isConditional()) {
            throw new IllegalArgumentException("the unconditional row needs a generator that reads no text");
        }
        this.generator = generator;
        this.range = range;
    }

    /**
     * The EMA generator when the run kept one (what its sample grids show), otherwise the raw one.
     *
     * @param checkpoint a checkpoint folder or a run folder holding one
     * @throws IllegalArgumentException when the run is not a stage-1 heatmap run
     */
    public static UnconditionalGenerator load(Path checkpoint) {
        Path folder = Checkpoint.resolve(checkpoint);
        Checkpoint saved = Checkpoint.read(folder);
        if (saved.config().stage() != Stage.UNCOND) {
            throw new IllegalArgumentException(folder + " is a stage " + saved.config().stage().label()
                    + " run; the unconditional row takes a stage-1 (uncond) heatmap checkpoint");
        }
        return new UnconditionalGenerator(TrainedGenerators.heatmap(folder, true), saved.config().heatmapRange());
    }

    @Override
    PoseSet poses(Tensor noise, Tensor rawText) {
        return PoseSet.ofKeypoints(HeatmapDecoder.keypoints(generator.forward(noise), range),
                PaperSpec.PRESENCE_THRESHOLD);
    }
}
