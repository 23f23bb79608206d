package dev.text2pose.trainer.train;

import dev.text2pose.trainer.baseline.MlpCritic;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.binary_cross_entropy;

/**
 * The regression baseline as a {@link PoseGan}: samples are {@link MlpPoses} vectors, and the generator's extra
 * loss is the paper's visibility term, the binary cross-entropy between the generated visibilities for caption t
 * and the labelled flags of the pose that caption describes.
 */
final class MlpGan implements PoseGan {

    private final MlpGenerator generator;
    private final MlpCritic critic;

    MlpGan(MlpGenerator generator, MlpCritic critic) {
        this.generator = generator;
        this.critic = critic;
    }

    @Override
    public MlpGenerator generator() {
        return generator;
    }

    @Override
    public MlpCritic critic() {
        return critic;
    }

    @Override
    public Module newGenerator() {
        return new MlpGenerator(generator.textDim(), 0);
    }

    @Override
    public Tensor generate(Module network, Tensor noise, Tensor text) {
        return ((MlpGenerator) network).forward(noise, text);
    }

    @Override
    public Tensor score(Tensor samples, Tensor text) {
        return critic.forward(samples, text);
    }

    @Override
    public Tensor real(List<FramePose> poses) {
        float[] vectors = new float[poses.size() * MlpPoses.WIDTH];
        for (int i = 0; i < poses.size(); i++) {
            MlpPoses.encode(poses.get(i), vectors, i * MlpPoses.WIDTH);
        }
        return Tensor.create(vectors, poses.size(), MlpPoses.WIDTH);
    }

    @Override
    public Tensor generatorExtraLoss(Tensor fake, List<FramePose> targets) {
        Tensor visibility = fake.narrow(1, MlpPoses.VISIBILITY_OFFSET, PaperSpec.KEYPOINTS);
        Tensor target = real(targets).narrow(1, MlpPoses.VISIBILITY_OFFSET, PaperSpec.KEYPOINTS);
        return binary_cross_entropy(visibility, target);
    }

    @Override
    public float[][][] keypoints(Tensor samples) {
        return MlpPoses.keypoints(samples);
    }

    @Override
    public float presenceThreshold() {
        return MlpPoses.VISIBILITY_THRESHOLD;
    }
}
