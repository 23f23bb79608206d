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
 * Both networks under {@link Bf16Autocast} agree with float64, as {@link OneDnnCorrectnessTest} checks float32:
 * forward passes, the per-sample input-gradient norms the Lipschitz penalty is made of, and weight gradients
 * (the critic's through the penalty's second-order backward).
 *
 * <p>bfloat16 keeps 8 mantissa bits, so each product is rounded by up to 2^-9 (0.2 %). Measured at batch 16
 * (relative L2 against float64): scores 0.4 %, heatmaps 0.7 %, input-gradient norms 1.1 %; the critic's
 * second-order weight gradients 1-6 %; the generator's weight gradients 0.7 % at the last layer, growing to 7-11 %
 * through the BatchNorm backwards towards the first. So forward passes and the penalty's norms are held to 3 %,
 * which the oneDNN kernels that were wrong for channel counts not a multiple of 16 (4-27 % on the forward pass)
 * would miss; weight gradients to 20 %, which says bf16 works as documented, not that it is float32-exact: that
 * is why {@code autocastBf16} is a switch, off in the presets.
 */
@SuppressWarnings("try") // Bf16Autocast works by its extent
class Bf16AutocastTest {

    private static final double FORWARD_TOLERANCE = 3e-2;
    private static final double GRADIENT_TOLERANCE = 0.2;

    @Test
    void criticScoresPenaltyGradientsAndWeightGradientsMatchFloat64() {
        int n = 16;
        Critic single = Critic.conditional(3);
        Critic twin = Critic.conditional(3);
        twin.to(ScalarType.Double, false);
        manual_seed(n);
        Tensor x = randn(n, PaperSpec.KEYPOINTS, 64, 64).set_requires_grad(true);
        Tensor t = randn(n, PaperSpec.TEXT_DIM).set_requires_grad(true);
        Tensor xd = x.detach().to(ScalarType.Double).set_requires_grad(true);
        Tensor td = t.detach().to(ScalarType.Double).set_requires_grad(true);
        Tensor s;
        Tensor penalty;
        try (Bf16Autocast autocast = Bf16Autocast.enterIf(true)) {
            s = single.forward(x, t);
            penalty = gradientNorms(s, x, t);
        }
        Tensor sd = twin.forward(xd, td);
        Tensor penaltyd = gradientNorms(sd, xd, td);
        assertClose(s, sd, "scores", FORWARD_TOLERANCE);
        assertClose(penalty, penaltyd, "per-sample input gradient norms", FORWARD_TOLERANCE);
        // The penalty's own backward: second order, through the bfloat16 convolutions' backward.
        penalty.sum().backward();
        penaltyd.sum().backward();
        assertGradientsClose(single, twin, "second-order penalty gradient of ");
    }

    @Test
    void generatorHeatmapsAndWeightGradientsMatchFloat64() {
        int n = 16;
        HeatmapGenerator single = HeatmapGenerator.conditional(4);
        HeatmapGenerator twin = HeatmapGenerator.conditional(4);
        twin.to(ScalarType.Double, false);
        manual_seed(n);
        Tensor z = randn(n, PaperSpec.NOISE_DIM);
        Tensor t = randn(n, PaperSpec.TEXT_DIM);
        Tensor out;
        try (Bf16Autocast autocast = Bf16Autocast.enterIf(true)) {
            out = single.forward(z, t);
        }
        Tensor outd = twin.forward(z.to(ScalarType.Double), t.to(ScalarType.Double));
        assertClose(out, outd, "heatmaps", FORWARD_TOLERANCE);
        manual_seed(7);
        Tensor r = randn(out.sizes().vec().get());
        out.mul(r).sum().backward();
        outd.mul(r.to(ScalarType.Double)).sum().backward();
        assertGradientsClose(single, twin, "gradient of ");
    }

    /** Per sample, the L2 norm of d score / d (heatmaps, text), with the graph kept for a second backward. */
    private static Tensor gradientNorms(Tensor scores, Tensor x, Tensor t) {
        TensorVector g = grad(new TensorVector(scores.sum()), new TensorVector(x, t), new TensorVector(),
                new BoolOptional(true), true, false);
        long n = x.size(0);
        return g.get(0).reshape(n, -1).square().sum(1).add(g.get(1).square().sum(1)).sqrt();
    }

    private static void assertGradientsClose(Module single, Module twin, String what) {
        StringTensorDict a = single.named_parameters();
        StringTensorDict b = twin.named_parameters();
        for (long i = 0; i < a.size(); i++) {
            assertClose(a.get(i).value().grad(), b.get(i).value().grad(), what + a.get(i).key().getString(),
                    GRADIENT_TOLERANCE);
        }
    }

    private static void assertClose(Tensor bf16, Tensor reference, String what, double tolerance) {
        double scale = reference.norm().item_double();
        double error = bf16.to(ScalarType.Double).sub(reference).norm().item_double() / Math.max(scale, 1e-30);
        System.out.printf("bf16 autocast vs float64, %s: relative L2 %.2e%n", what, error);
        assertTrue(error < tolerance, what + ": bf16 autocast is " + error + " off float64 (relative L2)");
    }
}
