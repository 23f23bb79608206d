package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

import static org.bytedeco.pytorch.global.torch.conv_transpose2d;
import static org.bytedeco.pytorch.global.torch.grad;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Float32 forward passes and gradients of both networks agree with float64 (which libtorch computes without
 * oneDNN). This pins the workaround in {@link ChannelPadding}: with plain oneDNN convolutions on this machine's CPU
 * the critic's scores were 4-17 % off and the generator's weight gradients 20-27 %. The negative control runs the
 * faulty shape without the padding, to show whether the bug is still there on the CPU at hand.
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

    /**
     * The negative control: two of the shapes that failed, plainly and through {@link ChannelPadding}: the critic's
     * first convolution (17 -> 32 channels) and the weight gradient of the generator's last transposed convolution
     * (32 -> 17). Where oneDNN has the bug, a plain one is off float64 by far more than the tolerance, so the tests
     * above would see the bug and the padding is what avoids it. Where neither is (a CPU or a libtorch without the
     * bug), the test is skipped, saying that the padding is harmless there but not shown to be needed.
     */
    @Test
    void withoutPaddingTheFaultyShapesAreWrongWhereTheBugExists() {
        double[] convolution = criticInputConvolution();
        double[] gradient = generatorOutputWeightGradient();
        System.out.printf("OneDnnCorrectnessTest: off float64 plain / padded: 17 -> 32 convolution %.3g / %.3g, "
                + "32 -> 17 transposed convolution's weight gradient %.3g / %.3g%n", convolution[0], convolution[1],
                gradient[0], gradient[1]);
        // A NaN error is the bug too (it gave NaN on this machine once), and NaN > TOLERANCE is false.
        assumeTrue(!(convolution[0] <= TOLERANCE && gradient[0] <= TOLERANCE), "oneDNN computes both shapes correctly "
                + "without padding here (" + convolution[0] + ", " + gradient[0] + "): ChannelPadding is not shown "
                + "to be needed on this CPU");
        assertTrue(convolution[1] < TOLERANCE && gradient[1] < TOLERANCE, "padded: " + convolution[1] + ", "
                + gradient[1]);
    }

    /** Relative errors of the plain and the padded 17 -> 32 convolution, stride 2. */
    private static double[] criticInputConvolution() {
        manual_seed(11);
        Tensor x = randn(16, PaperSpec.KEYPOINTS, 64, 64);
        Tensor weight = randn(32, PaperSpec.KEYPOINTS, 4, 4);
        Tensor reference = org.bytedeco.pytorch.global.torch.conv2d(x.to(ScalarType.Double),
                weight.to(ScalarType.Double), new TensorOptional(), new long[] {2, 2}, new long[] {1, 1},
                new long[] {1, 1}, 1);
        Tensor plain = org.bytedeco.pytorch.global.torch.conv2d(x, weight, new TensorOptional(), new long[] {2, 2},
                new long[] {1, 1}, new long[] {1, 1}, 1);
        return new double[] {relativeError(plain, reference),
                relativeError(ChannelPadding.conv2d(x, weight, 2, 1), reference)};
    }

    /** Relative errors of the weight gradient of the plain and the padded 32 -> 17 transposed convolution. */
    private static double[] generatorOutputWeightGradient() {
        manual_seed(12);
        Tensor h = randn(16, 32, 32, 32);
        Tensor weight = randn(32, PaperSpec.KEYPOINTS, 4, 4);
        Tensor r = randn(16, PaperSpec.KEYPOINTS, 64, 64);
        Tensor reference = weightGradient(h.to(ScalarType.Double), weight.to(ScalarType.Double),
                r.to(ScalarType.Double), false);
        return new double[] {relativeError(weightGradient(h, weight, r, false), reference),
                relativeError(weightGradient(h, weight, r, true), reference)};
    }

    private static Tensor weightGradient(Tensor h, Tensor weight, Tensor r, boolean padded) {
        Tensor w = weight.detach().set_requires_grad(true);
        Tensor y = padded ? ChannelPadding.convTranspose2d(h, w, 2, 1)
                : conv_transpose2d(h, w, new TensorOptional(), new long[] {2, 2}, new long[] {1, 1},
                new long[] {0, 0}, 1, 1, 1);
        return grad(new TensorVector(y.mul(r).sum()), new TensorVector(w), new TensorVector(),
                new BoolOptional(false), false, false).get(0);
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
        double error = relativeError(single, reference);
        assertTrue(error < TOLERANCE, what + ": float32 is " + error + " off float64 (relative L2)");
    }

    private static double relativeError(Tensor single, Tensor reference) {
        double scale = reference.norm().item_double();
        return single.to(ScalarType.Double).sub(reference).norm().item_double() / Math.max(scale, 1e-30);
    }
}
