package dev.text2pose.trainer.train;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.Arrays;

import static org.bytedeco.pytorch.global.torch.grad;

/**
 * The WGAN-LP Lipschitz penalty of the paper: {@code max(0, ||grad D(x_hat, t)|| - 1)^2}, averaged over the batch,
 * at {@code x_hat = e*x + (1-e)*G(z,t)} with e ~ U(0, 1) per sample.
 *
 * <p>The gradient is taken with respect to the sample <em>and</em> the text vector, and its norm over both at once
 * (per sample, {@code sqrt(|dD/dx|^2 + |dD/dt|^2)}), as the paper does; the text is the scaled vector the critic
 * takes. The gradient is built with {@code create_graph = true}, so the penalty's own gradient with respect to the
 * critic's weights (second-order autograd) flows when the loss is backpropagated.
 */
final class WganLosses {

    /** What a critic is to the penalty: samples and text (null when unconditional) to [N] scores. */
    @FunctionalInterface
    interface Scorer {
        Tensor score(Tensor samples, Tensor text);
    }

    /**
     * @param value    the penalty, a scalar with a graph back to the critic's weights
     * @param meanNorm the batch mean of the joint gradient norm, for logging (no graph)
     */
    record Penalty(Tensor value, Tensor meanNorm) {
    }

    private static final double NORM_EPSILON = 1e-12;

    private WganLosses() {
    }

    /**
     * The penalty at random points between real and fake samples.
     *
     * @param real    [N, ...] real samples
     * @param fake    [N, ...] generated samples, without a graph back to G
     * @param text    [N, textDim] scaled text, or null when unconditional
     * @param epsilon [N] interpolation weights in [0, 1]
     */
    static Penalty lipschitzPenalty(Scorer critic, Tensor real, Tensor fake, Tensor text, Tensor epsilon) {
        long n = real.size(0);
        long[] shape = new long[(int) real.dim()];
        Arrays.fill(shape, 1);
        shape[0] = n;
        Tensor e = epsilon.reshape(shape);
        Tensor xHat = e.mul(real).add(e.neg().add(new Scalar(1.0)).mul(fake)).detach().set_requires_grad(true);
        Tensor tHat = text == null ? null : text.detach().set_requires_grad(true);
        Tensor scores = critic.score(xHat, tHat);
        TensorVector inputs = tHat == null ? new TensorVector(xHat) : new TensorVector(xHat, tHat);
        TensorVector grads = grad(new TensorVector(scores.sum()), inputs, new TensorVector(),
                new BoolOptional(true), true, false);
        Tensor squared = squaredNorm(grads.get(0), n);
        if (tHat != null) {
            squared = squared.add(squaredNorm(grads.get(1), n));
        }
        Tensor norm = squared.add(new Scalar(NORM_EPSILON)).sqrt();
        Tensor penalty = norm.sub(new Scalar(1.0)).clamp_min(new Scalar(0.0)).pow(new Scalar(2)).mean();
        return new Penalty(penalty, norm.detach().mean());
    }

    private static Tensor squaredNorm(Tensor gradient, long n) {
        return gradient.reshape(n, -1).pow(new Scalar(2)).sum(new long[] {1}, false, new ScalarTypeOptional());
    }
}
