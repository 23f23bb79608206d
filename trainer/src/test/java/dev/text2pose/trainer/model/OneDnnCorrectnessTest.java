package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

import static org.bytedeco.pytorch.global.torch.grad;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Float32 forward passes and gradients of both networks agree with float64 (which libtorch computes without
 * oneDNN). This pins the workaround in {@link ChannelPadding}: with plain oneDNN convolutions on this machine's CPU
 * the critic's scores were 4-17 % off and the generator's weight gradients 20-27 %.
 */
class OneDnnCorrectnessTest {

    /**
     * Relative L2 error allowed. Float32 rounding gives about 1e-6, but a pre-activation so near zero that rounding
     * flips its sign changes a LeakyReLU slope, and its gradient, locally; at batch 64 one such unit gave 9e-4 with
     * oneDNN and 2e-4 without. Small batches make that rare. The faulty kernels gave 4-27 % at any batch size.
     */
    private static final double TOLERANCE = 1e-3;

    @Test
    void criticScoresAndInputGradientsMatchFloat64() {
        for (int n : new int[] {3, 16}) {
            Critic single = Critic.conditional(3);
            Critic twin = Critic.conditional(3);
            twin.to(ScalarType.Double, false);
            manual_seed(n);
            Tensor x = randn(n, PaperSpec.KEYPOINTS, 64, 64).set_requires_grad(true);
            Tensor t = randn(n, PaperSpec.TEXT_DIM).set_requires_grad(true);
            Tensor xd = x.detach().to(ScalarType.Double).set_requires_grad(true);
            Tensor td = t.detach().to(ScalarType.Double).set_requires_grad(true);
            Tensor s = single.forward(x, t);
            Tensor sd = twin.forward(xd, td);
            TensorVector g = grad(new TensorVector(s.sum()), new TensorVector(x, t), new TensorVector(),
                    new BoolOptional(true), false, false);
            TensorVector gd = grad(new TensorVector(sd.sum()), new TensorVector(xd, td), new TensorVector(),
                    new BoolOptional(true), false, false);
            assertClose(s, sd, "scores, batch " + n);
            assertClose(g.get(0), gd.get(0), "d score / d heatmaps, batch " + n);
            assertClose(g.get(1), gd.get(1), "d score / d text, batch " + n);
            backwardOfWeightedSum(single, twin, s, sd);
        }
    }

    @Test
    void generatorWeightGradientsMatchFloat64() {
        for (int n : new int[] {3, 16}) {
            HeatmapGenerator single = HeatmapGenerator.conditional(4);
            HeatmapGenerator twin = HeatmapGenerator.conditional(4);
            twin.to(ScalarType.Double, false);
            manual_seed(n);
            Tensor z = randn(n, PaperSpec.NOISE_DIM);
            Tensor t = randn(n, PaperSpec.TEXT_DIM);
            Tensor out = single.forward(z, t);
            Tensor outd = twin.forward(z.to(ScalarType.Double), t.to(ScalarType.Double));
            assertClose(out, outd, "heatmaps, batch " + n);
            backwardOfWeightedSum(single, twin, out, outd);
        }
    }

    /** Backpropagates the same random weighting of both outputs and compares every weight gradient. */
    private static void backwardOfWeightedSum(Module single, Module twin, Tensor out, Tensor outd) {
        manual_seed(7);
        Tensor r = randn(out.sizes().vec().get());
        out.mul(r).sum().backward();
        outd.mul(r.to(ScalarType.Double)).sum().backward();
        StringTensorDict a = single.named_parameters();
        StringTensorDict b = twin.named_parameters();
        for (long i = 0; i < a.size(); i++) {
            assertClose(a.get(i).value().grad(), b.get(i).value().grad(), "gradient of " + a.get(i).key().getString());
        }
    }

    private static void assertClose(Tensor single, Tensor reference, String what) {
        double scale = reference.norm().item_double();
        double error = single.to(ScalarType.Double).sub(reference).norm().item_double() / Math.max(scale, 1e-30);
        assertTrue(error < TOLERANCE, what + ": float32 is " + error + " off float64 (relative L2)");
    }
}
