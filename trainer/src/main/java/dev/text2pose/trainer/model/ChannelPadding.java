package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;

import static org.bytedeco.pytorch.global.torch.constant_pad_nd;
import static org.bytedeco.pytorch.global.torch.conv_transpose2d;

/**
 * Convolutions with every channel count rounded up to a multiple of {@value #MULTIPLE} by zero channels, which gives
 * exactly the same numbers and gradients while keeping the weights' own shapes (and so checkpoints and export).
 *
 * <p>Why: libtorch 2.10's oneDNN (JavaCPP build) computes float32 convolutions wrongly on the trainer's AMD EPYC
 * (AVX-512) when a channel count is not a multiple of 16: measured against float64, the critic's first layer
 * (17 -> 32 channels; 24 fails too, 32 is exact) is 20-40 % off, the 1-channel score layer's input gradient is 100 %
 * off or NaN, and the generator's last layer (32 -> 17) gives every upstream weight gradient a 20-27 % error. Other
 * shapes agree with float64 to 1e-6. Padding to 16 avoids the faulty kernels at the cost of one wider layer at each
 * end; turning oneDNN off ({@code at::globalContext().setUserEnabledMkldnn(false)}) is also correct but measured
 * about 2.5x slower per critic step. {@code OneDnnCorrectnessTest} pins the agreement with float64.
 */
public final class ChannelPadding {

    /** Channel counts are rounded up to a multiple of this. */
    public static final int MULTIPLE = 16;

    private ChannelPadding() {
    }

    /**
     * {@code conv2d(x, weight)} without bias, square stride and padding.
     *
     * @param weight [out, in, k, k]
     */
    public static Tensor conv2d(Tensor x, Tensor weight, long stride, long padding) {
        long in = weight.size(1);
        long out = weight.size(0);
        long padIn = roundUp(in) - in;
        long padOut = roundUp(out) - out;
        Tensor input = padIn == 0 ? x : constant_pad_nd(x, 0, 0, 0, 0, 0, padIn);
        Tensor w = padIn == 0 && padOut == 0 ? weight : constant_pad_nd(weight, 0, 0, 0, 0, 0, padIn, 0, padOut);
        Tensor y = org.bytedeco.pytorch.global.torch.conv2d(input, w, new TensorOptional(), new long[] {stride, stride}, new long[] {padding, padding},
                new long[] {1, 1}, 1);
        return padOut == 0 ? y : y.narrow(1, 0, out);
    }

    /**
     * {@code conv_transpose2d(x, weight)} without bias or output padding, square stride and padding.
     *
     * @param weight [in, out, k, k], libtorch's layout for transposed convolutions
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, long stride, long padding) {
        long in = weight.size(0);
        long out = weight.size(1);
        long padIn = roundUp(in) - in;
        long padOut = roundUp(out) - out;
        Tensor input = padIn == 0 ? x : constant_pad_nd(x, 0, 0, 0, 0, 0, padIn);
        Tensor w = padIn == 0 && padOut == 0 ? weight : constant_pad_nd(weight, 0, 0, 0, 0, 0, padOut, 0, padIn);
        Tensor y = conv_transpose2d(input, w, new TensorOptional(), new long[] {stride, stride},
                new long[] {padding, padding}, new long[] {0, 0}, 1, 1, 1);
        return padOut == 0 ? y : y.narrow(1, 0, out);
    }

    private static long roundUp(long channels) {
        return (channels + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    }
}
