package dev.text2pose.trainer.train;

import dev.text2pose.trainer.data.FramePose;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * A generator and critic pair as the training loop sees it, so one loop trains both the paper's heatmap model
 * ({@link HeatmapGan}) and its MLP regression baseline ({@link MlpGan}). A "sample" is whatever the critic reads
 * (heatmaps, or coordinates and visibilities), always with the batch first; text is the scaled sentence vector, or
 * null when unconditional.
 */
interface PoseGan {

    /** The generator being trained. */
    Module generator();

    /** The critic being trained. */
    Module critic();

    /** A new generator of the same shape, for the EMA copy; its weights are overwritten at once. */
    Module newGenerator();

    /** {@code generator}'s samples for [N, 128] noise and [N, textDim] text (null when unconditional). */
    Tensor generate(Module generator, Tensor noise, Tensor text);

    /** The critic's [N] scores. */
    Tensor score(Tensor samples, Tensor text);

    /** Real poses as samples. */
    Tensor real(List<FramePose> poses);

    /** An extra generator loss against the poses whose captions were used, or null when the model has none. */
    Tensor generatorExtraLoss(Tensor fake, List<FramePose> targets);

    /** Decoded samples: per sample and keypoint (x, y, confidence), x and y in [0, 1) of the frame. */
    float[][][] keypoints(Tensor samples);

    /** A decoded keypoint is present when its confidence exceeds this. */
    float presenceThreshold();
}
