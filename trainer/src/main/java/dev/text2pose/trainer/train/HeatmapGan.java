package dev.text2pose.trainer.train;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.data.HeatmapRenderer;
import dev.text2pose.trainer.export.GraphKeypointDecoder;
import dev.text2pose.trainer.model.Critic;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * The paper's model as a {@link PoseGan}: {@link HeatmapGenerator} and {@link Critic}, real poses rendered as
 * sigma-2 heatmaps in the configured range, samples decoded by the bundles' own decoder graph
 * ({@link GraphKeypointDecoder}), so sample grids show what the bundle will serve.
 */
final class HeatmapGan implements PoseGan {

    private static final int SIZE = PaperSpec.HEATMAP_SIZE;

    private final HeatmapGenerator generator;
    private final Critic critic;
    private final HeatmapRange range;
    private final HeatmapRenderer renderer;

    HeatmapGan(HeatmapGenerator generator, Critic critic, HeatmapRange range) {
        if (generator.textDim() != critic.textDim()) {
            throw new IllegalArgumentException("generator and critic disagree on the text: " + generator.textDim()
                    + " vs " + critic.textDim());
        }
        this.generator = generator;
        this.critic = critic;
        this.range = range;
        this.renderer = new HeatmapRenderer(SIZE, range == HeatmapRange.ZERO_TO_ONE
                ? HeatmapRenderer.Range.UNIT : HeatmapRenderer.Range.SIGNED);
    }

    @Override
    public HeatmapGenerator generator() {
        return generator;
    }

    @Override
    public Critic critic() {
        return critic;
    }

    @Override
    public Module newGenerator() {
        return new HeatmapGenerator(generator.textDim(), 0);
    }

    @Override
    public Tensor generate(Module network, Tensor noise, Tensor text) {
        HeatmapGenerator g = (HeatmapGenerator) network;
        return text == null ? g.forward(noise) : g.forward(noise, text);
    }

    @Override
    public Tensor score(Tensor samples, Tensor text) {
        return text == null ? critic.forward(samples) : critic.forward(samples, text);
    }

    @Override
    public Tensor real(List<FramePose> poses) {
        float[] heatmaps = new float[poses.size() * renderer.floatsPerPose()];
        renderer.render(poses, heatmaps);
        return Tensor.create(heatmaps, poses.size(), PaperSpec.KEYPOINTS, SIZE, SIZE);
    }

    @Override
    public Tensor generatorExtraLoss(Tensor fake, List<FramePose> targets) {
        return null;
    }

    @Override
    public float[][][] keypoints(Tensor samples) {
        return GraphKeypointDecoder.keypoints(samples, range);
    }

    @Override
    public float presenceThreshold() {
        return PaperSpec.PRESENCE_THRESHOLD;
    }
}
