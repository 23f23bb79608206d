package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;

/**
 * The paper's weight initialisation, every draw taken from one torch CPU generator seeded from a {@code long}.
 *
 * <ul>
 *   <li>convolution and transposed-convolution weights: N(0, 0.02);</li>
 *   <li>BatchNorm weight N(1, 0.02) and bias N(0, 0.02);</li>
 *   <li>Linear weight Kaiming-normal (PyTorch's default: fan-in, gain sqrt(2), so std = sqrt(2 / fan_in)) and bias
 *       N(0, 0.02).</li>
 * </ul>
 *
 * <p>A private generator rather than {@code torch.manual_seed}: the result depends only on the seed and the order of
 * calls, and initialising a network does not reset the global generator that training draws its noise from. Use one
 * instance per network, in try-with-resources, and call it on the layers in a fixed order.
 */
public final class PaperInit implements AutoCloseable {

    private static final double CONV_STD = 0.02;

    private final Generator generator;
    private final GeneratorOptional source;
    private final NoGradGuard noGrad;

    /** Starts the draws for one network from {@code seed}; in-place draws on parameters need grad mode off. */
    public PaperInit(long seed) {
        this.generator = createCPUGenerator(seed);
        this.source = new GeneratorOptional(generator);
        this.noGrad = new NoGradGuard();
    }

    /** Fills a (transposed) convolution weight with N(0, 0.02). */
    public void conv(Tensor weight) {
        weight.normal_(0.0, CONV_STD, source);
    }

    /** BatchNorm scale N(1, 0.02), shift N(0, 0.02); running statistics stay at their reset values. */
    public void batchNorm(BatchNorm2dImpl norm) {
        norm.weight().normal_(1.0, CONV_STD, source);
        norm.bias().normal_(0.0, CONV_STD, source);
    }

    /** Kaiming-normal weight (std sqrt(2 / in_features)), bias N(0, 0.02). */
    public void linear(LinearImpl linear) {
        Tensor weight = linear.weight();
        double fanIn = weight.size(1);
        weight.normal_(0.0, Math.sqrt(2.0 / fanIn), source);
        linear.bias().normal_(0.0, CONV_STD, source);
    }

    @Override
    public void close() {
        noGrad.close();
        source.close();
        generator.close();
    }
}
