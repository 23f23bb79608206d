package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.Critic;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try")
class WganLossesTest {

    @Test
    void normIsTakenJointlyOverSampleAndText() {
        // D(x, t) = <wx, x> + <wt, t> has gradient (wx, wt) everywhere: norm sqrt(|wx|^2 + |wt|^2) = sqrt(4 + 9).
        Tensor wx = Tensor.create(new double[] {2, 0, 0}, 1, 3);
        Tensor wt = Tensor.create(new double[] {0, 3}, 1, 2);
        WganLosses.Scorer linear = (x, t) -> x.mul(wx).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .add(t.mul(wt).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        Tensor real = Tensor.create(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor fake = Tensor.create(new double[] {0, 0, 0, 1, 1, 1}, 2, 3);
        Tensor text = Tensor.create(new double[] {1, 1, 2, 2}, 2, 2);
        WganLosses.Penalty penalty = WganLosses.lipschitzPenalty(linear, real, fake, text,
                Tensor.create(new double[] {0.3, 0.7}, 2));
        double norm = Math.sqrt(13);
        assertEquals(norm, penalty.meanNorm().item_double(), 1e-9);
        assertEquals((norm - 1) * (norm - 1), penalty.value().item_double(), 1e-9);
        // Unconditional: the sample alone, norm 2.
        WganLosses.Penalty alone = WganLosses.lipschitzPenalty(
                (x, t) -> x.mul(wx).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()),
                real, fake, null, Tensor.create(new double[] {0.3, 0.7}, 2));
        assertEquals(1.0, alone.value().item_double(), 1e-9);
    }

    @Test
    void penaltyGradientMatchesCentralFiniteDifferences() {
        // The real conditional critic in float64, weights scaled up so that the gradient norm exceeds 1 and the
        // penalty is active. Its gradient with respect to the weights needs the second-order graph.
        Critic critic = Critic.conditional(5);
        critic.to(ScalarType.Double, false);
        StringTensorDict parameters = critic.named_parameters();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (long i = 0; i < parameters.size(); i++) {
                parameters.get(i).value().mul_(new Scalar(3.0));
            }
        }
        Random random = new Random(11);
        int n = 2;
        Tensor real = randomTensor(random, 0.5, n, PaperSpec.KEYPOINTS, 64, 64);
        Tensor fake = randomTensor(random, 0.5, n, PaperSpec.KEYPOINTS, 64, 64);
        Tensor text = randomTensor(random, 15 / Math.sqrt(PaperSpec.TEXT_DIM), n, PaperSpec.TEXT_DIM);
        Tensor epsilon = Tensor.create(new double[] {0.25, 0.8}, n);
        WganLosses.Penalty penalty = WganLosses.lipschitzPenalty(critic::forward, real, fake, text, epsilon);
        assertTrue(penalty.meanNorm().item_double() > 1.5, "penalty inactive: norm " + penalty.meanNorm().item_double());
        penalty.value().backward();

        String[] names = {"conv1.weight", "conv3.weight", "conv4.weight", "text.weight", "text.bias", "join.weight",
                "score.weight"};
        double worst = 0;
        for (String name : names) {
            Tensor weight = parameters.get(name);
            Tensor grad = weight.grad().contiguous();
            DoublePointer values = weight.data_ptr_double();
            DoublePointer analytic = grad.data_ptr_double();
            for (long index : new long[] {0, weight.numel() / 3, weight.numel() - 1}) {
                double original = values.get(index);
                double h = 1e-6 * Math.max(1, Math.abs(original));
                values.put(index, original + h);
                double plus = penaltyValue(critic, real, fake, text, epsilon);
                values.put(index, original - h);
                double minus = penaltyValue(critic, real, fake, text, epsilon);
                values.put(index, original);
                double numeric = (plus - minus) / (2 * h);
                double error = Math.abs(numeric - analytic.get(index)) / Math.max(1e-6, Math.abs(numeric));
                worst = Math.max(worst, error);
                assertEquals(numeric, analytic.get(index), 1e-5 * Math.max(1e-3, Math.abs(numeric)),
                        name + "[" + index + "]");
            }
        }
        System.out.printf("penalty gradient vs finite differences: worst relative error %.2e%n", worst);
    }

    @Test
    void float32PenaltyGradientMatchesFloat64() {
        // The second-order graph runs convolution backward-of-backward kernels that the first-order checks in
        // OneDnnCorrectnessTest do not reach; float32 (oneDNN) must agree with float64 (reference kernels) here too.
        Critic single = Critic.conditional(5);
        Critic twin = Critic.conditional(5);
        twin.to(ScalarType.Double, false);
        for (Critic critic : new Critic[] {single, twin}) {
            StringTensorDict p = critic.named_parameters();
            try (NoGradGuard noGrad = new NoGradGuard()) {
                for (long i = 0; i < p.size(); i++) {
                    p.get(i).value().mul_(new Scalar(3.0));
                }
            }
        }
        Random random = new Random(12);
        int n = 3;
        Tensor real = randomTensor(random, 0.5, n, PaperSpec.KEYPOINTS, 64, 64);
        Tensor fake = randomTensor(random, 0.5, n, PaperSpec.KEYPOINTS, 64, 64);
        Tensor text = randomTensor(random, 15 / Math.sqrt(PaperSpec.TEXT_DIM), n, PaperSpec.TEXT_DIM);
        Tensor epsilon = Tensor.create(new double[] {0.25, 0.8, 0.5}, n);
        WganLosses.lipschitzPenalty(twin::forward, real, fake, text, epsilon).value().backward();
        WganLosses.lipschitzPenalty(single::forward, real.to(ScalarType.Float), fake.to(ScalarType.Float),
                text.to(ScalarType.Float), epsilon.to(ScalarType.Float)).value().backward();
        StringTensorDict a = single.named_parameters();
        StringTensorDict b = twin.named_parameters();
        for (long i = 0; i < a.size(); i++) {
            Tensor reference = b.get(i).value().grad();
            if (!reference.defined()) {
                continue; // no penalty gradient at all (e.g. the text bias, see above)
            }
            double error = a.get(i).value().grad().to(ScalarType.Double).sub(reference).norm().item_double()
                    / Math.max(1e-30, reference.norm().item_double());
            assertTrue(error < 1e-3, a.get(i).key().getString() + ": float32 penalty gradient " + error + " off");
        }
    }

    private static double penaltyValue(Critic critic, Tensor real, Tensor fake, Tensor text, Tensor epsilon) {
        return WganLosses.lipschitzPenalty(critic::forward, real, fake, text, epsilon).value().item_double();
    }

    private static Tensor randomTensor(Random random, double std, long... shape) {
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * std;
        }
        return Tensor.create(values, shape);
    }
}
