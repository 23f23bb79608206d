package dev.text2pose.trainer.train;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@SuppressWarnings("try")
class PaperAdamTest {

    @Test
    void readsLibtorchDefaultsBackInTheirOrder() {
        // Pins the reversed std::tuple layout: if JavaCPP ever stores betas in order, this fails first.
        assertArrayEquals(new double[] {0.9, 0.999}, PaperAdam.betas(new AdamOptions()), 0.0);
    }

    @Test
    void setsThePaperBetas() {
        AdamOptions options = new AdamOptions(1e-4);
        PaperAdam.setBetas(options, 0.0, 0.9);
        assertArrayEquals(new double[] {0.0, 0.9}, PaperAdam.betas(options), 0.0);
    }

    @Test
    void stepsAsAdamWithBeta1ZeroAndBeta2PointNine() {
        // One weight w of a 1x1 Linear with loss g*w, so the gradient is g; two steps with g = 1 then g = 3.
        // beta1 = 0: m = g. beta2 = 0.9: v1 = 0.1, v2 = 0.9*0.1 + 0.1*9 = 0.99; bias corrections 0.1 and 0.19.
        // Step 2 moves w by lr * 3 / (sqrt(0.99 / 0.19) + eps). Swapped betas (0.9, 0) would move it by
        // lr * ((0.9*1 + 0.1*3) / 0.19) / 3 instead, about twice as far.
        LinearImpl layer = new LinearImpl(1, 1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            layer.weight().fill_(new org.bytedeco.pytorch.Scalar(0.0));
        }
        double lr = 0.01;
        Adam adam = PaperAdam.create(layer, lr, 0.0, 0.9);
        double[] gradients = {1, 3};
        double before = 0;
        for (double g : gradients) {
            adam.zero_grad();
            before = layer.weight().item_double();
            layer.weight().mul(new org.bytedeco.pytorch.Scalar(g)).sum().backward();
            adam.step();
        }
        double moved = layer.weight().item_double() - before;
        double expected = -lr * 3 / (Math.sqrt(0.99 / 0.19) + 1e-8);
        assertEquals(expected, moved, 1e-7);
    }
}
