package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.model.TextScaling;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.TrainedGenerators;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Path;

/**
 * The paper's regression baseline, its MLP generator from a {@code train --stage cond --model mlp} checkpoint: the
 * caption and noise go in, one pose vector comes out, and a keypoint is present when its visibility exceeds
 * {@link MlpPoses#VISIBILITY_THRESHOLD}. It takes noise, so unlike caption retrieval its draws differ.
 *
 * <p>The caption vector is scaled by the run's own {@code embeddingScale} with {@link TextScaling}, the factor
 * training fed it with; the raw vectors of the evaluation are the same encoder's output that training scaled.
 */
public final class RegressionBaseline extends CheckpointGenerator {

    private final MlpGenerator generator;
    private final float embeddingScale;

    RegressionBaseline(MlpGenerator generator, float embeddingScale) {
        super(generator.textDim());
        this.generator = generator;
        this.embeddingScale = embeddingScale;
    }

    /**
     * The EMA generator when the run kept one (what its sample grids show), otherwise the raw one.
     *
     * @param checkpoint a checkpoint folder or a run folder holding one
     * @throws IllegalArgumentException when the run trained another model
     */
    public static RegressionBaseline load(Path checkpoint) {
        Path folder = Checkpoint.resolve(checkpoint);
        float scale = Checkpoint.read(folder).config().embeddingScale();
        return new RegressionBaseline(TrainedGenerators.mlp(folder, true), scale);
    }

    @Override
    PoseSet poses(Tensor noise, Tensor rawText) {
        Tensor vectors = generator.forward(noise, TextScaling.apply(rawText, embeddingScale));
        return PoseSet.ofKeypoints(MlpPoses.keypoints(vectors), MlpPoses.VISIBILITY_THRESHOLD);
    }
}
