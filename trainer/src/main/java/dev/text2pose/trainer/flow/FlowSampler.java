package dev.text2pose.trainer.flow;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.maximum;
import static org.bytedeco.pytorch.global.torch.minimum;
import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * Draws poses from a {@link FlowNetwork}: {@code steps} Euler steps of the ODE {@code dx/dt = v(x, t, text)} from
 * the start point {@code temperature * noise} at t = 0 to a pose vector at t = 1, with classifier-free guidance
 * {@code v = v_null + w (v_text - v_null)} ({@code w = 1}: the conditional velocity alone, one network pass a step).
 * The exported graph ({@code FlowExport}) unrolls exactly these steps.
 *
 * A temperature below 1 starts nearer the mean of the noise, which trades diversity for typical poses, as
 * truncation does for GANs; 1 samples the trained flow as it is.
 *
 * <p>Bounded, each step first predicts the end point {@code x1 = x + (1 - t) v}, clamps it to the box real pose
 * vectors lie in ({@link FlowPoses#lowerBounds()}, {@link FlowPoses#upperBounds()}) and steps towards the clamped
 * point, {@code x += dt (clamp(x1) - x) / (1 - t)}: guidance extrapolates the velocity, and off the data the network
 * has never been trained, so an unbounded guided step can run away (static thresholding, as in image diffusion).
 * The last step lands exactly on the clamped prediction, so no rounding takes a pose past the frame's edge.
 *
 * @param steps       Euler steps from t = 0 to 1
 * @param guidance    the guidance weight w
 * @param temperature factor on the noise
 * @param bounded     whether each step's predicted end point is clamped to the data's box
 */
public record FlowSampler(int steps, float guidance, float temperature, boolean bounded) {

    /** The sampler of the shipped flow bundle, chosen on the validation split (see its model card). */
    public static final FlowSampler SHIPPED = new FlowSampler(10, 3f, 0.7f, true);

    public FlowSampler {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (!(guidance >= 0) || Float.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a number >= 0, got " + guidance);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number > 0, got " + temperature);
        }
    }

    /** The unbounded sampler at temperature 1. */
    public FlowSampler(int steps, float guidance) {
        this(steps, guidance, 1f, false);
    }

    /** Whether the null-caption velocity is needed (every w but 1). */
    public boolean guided() {
        return guidance != 1f;
    }

    /** A bounded step's move towards the clamped end point, {@code dt / (1 - t_k)}: 1 at the last step. */
    public double boundedStep(int k) {
        return 1.0 / (steps - k);
    }

    /** The time of step {@code k}'s velocity evaluation. */
    public double time(int k) {
        return k / (double) steps;
    }

    /**
     * @param noise      [N, 51] standard normal, the start point
     * @param scaledText [N, textDim] scaled caption vectors
     * @return [N, 51] {@link FlowPoses} vectors
     */
    @SuppressWarnings("try")
    public Tensor sample(FlowNetwork network, Tensor noise, Tensor scaledText) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor text = network.textProjection(scaledText);
            Tensor none = guided() ? network.textProjection(zeros(1, network.textDim())) : null;
            Tensor x = temperature == 1f ? noise : noise.mul(new Scalar(temperature));
            Scalar dt = new Scalar(1.0 / steps);
            Tensor lower = bounded ? Tensor.create(FlowPoses.lowerBounds(), 1, FlowPoses.WIDTH) : null;
            Tensor upper = bounded ? Tensor.create(FlowPoses.upperBounds(), 1, FlowPoses.WIDTH) : null;
            for (int k = 0; k < steps; k++) {
                Tensor t = Tensor.create(FlowTime.features(time(k)), 1, FlowTime.DIM);
                Tensor v = network.velocity(x, t, text);
                if (guided()) {
                    Tensor unguided = network.velocity(x, t, none);
                    v = unguided.add(v.sub(unguided).mul(new Scalar(guidance)));
                }
                if (bounded) {
                    Tensor end = x.add(v.mul(new Scalar(1 - time(k))));
                    Tensor clamped = maximum(minimum(end, upper), lower);
                    x = k == steps - 1 ? clamped : x.add(clamped.sub(x).mul(new Scalar(boundedStep(k))));
                } else {
                    x = x.add(v.mul(dt));
                }
            }
            return x;
        }
    }
}
