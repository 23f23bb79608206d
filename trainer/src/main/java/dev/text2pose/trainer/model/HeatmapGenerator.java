package dev.text2pose.trainer.model;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.leaky_relu;
import static org.bytedeco.pytorch.global.torch.relu;
import static org.bytedeco.pytorch.global.torch.tanh;

/**
 * The paper's generator G: noise (and, when conditional, the compressed caption) to 17 keypoint heatmaps of 64x64.
 *
 * <p>Conditional ({@code textDim > 0}): the scaled text goes through {@code Linear(textDim->128, bias)} and
 * LeakyReLU(0.2); {@code [noise(128), text(128)]} is read as 256x1x1 and upsampled by five transposed convolutions
 * (kernel 4, no bias; see {@link #layers()}), each but the last followed by BatchNorm and ReLU, the last by Tanh.
 * Unconditional ({@code textDim == 0}): the same network with the noise alone (128x1x1) as input, which is the
 * paper's stage 1. The noise comes first in the first layer's input channels, so stage 2 can copy those weights from
 * a stage-1 network and keep the text channels fresh.
 *
 * <p>Inputs are the <em>scaled</em> text ({@link TextScaling}) and standard normal noise. Parameter and buffer names
 * ({@code text}, {@code deconv1..5}, {@code norm1..4}) are the checkpoint format; renaming them breaks checkpoints.
 * Named {@code HeatmapGenerator} so it is not confused with the ONNX-side classes in serving.
 */
public final class HeatmapGenerator extends Module {

    /** One transposed convolution of the upsampling stack; kernel 4 and no bias throughout. */
    public record Deconv(int inChannels, int outChannels, int stride, int padding) {
        /** Kernel side of every transposed convolution in the stack. */
        public static final long KERNEL = 4;
    }

    private final int textDim;
    private final List<Deconv> layers;
    private final LinearImpl text;
    private final List<ConvTranspose2dImpl> deconvs = new ArrayList<>();
    private final List<BatchNorm2dImpl> norms = new ArrayList<>();

    /**
     * Builds the network and initialises it the paper's way from {@code seed}.
     *
     * @param textDim length of the text vector, or 0 for the unconditional stage-1 generator
     * @param seed    the one seed every initial weight derives from
     */
    public HeatmapGenerator(int textDim, long seed) {
        if (textDim < 0) {
            throw new IllegalArgumentException("textDim must be >= 0, got " + textDim);
        }
        this.textDim = textDim;
        this.layers = stack(PaperSpec.NOISE_DIM + (textDim > 0 ? PaperSpec.COMPRESSED_TEXT_DIM : 0));
        this.text = textDim > 0
                ? register_module("text", new LinearImpl(textDim, PaperSpec.COMPRESSED_TEXT_DIM))
                : null;
        for (int i = 0; i < layers.size(); i++) {
            Deconv spec = layers.get(i);
            deconvs.add(register_module("deconv" + (i + 1), newDeconv(spec)));
            if (i < layers.size() - 1) {
                norms.add(register_module("norm" + (i + 1), new BatchNorm2dImpl(new BatchNormOptions(spec.outChannels()))));
            }
        }
        initialize(seed);
    }

    /** The conditional generator for {@link PaperSpec#TEXT_DIM}-d text, initialised from {@code seed}. */
    public static HeatmapGenerator conditional(long seed) {
        return new HeatmapGenerator(PaperSpec.TEXT_DIM, seed);
    }

    /** The unconditional (stage 1) generator, initialised from {@code seed}. */
    public static HeatmapGenerator unconditional(long seed) {
        return new HeatmapGenerator(0, seed);
    }

    /**
     * Re-draws every weight the paper's way from {@code seed} (text layer, then each transposed convolution and its
     * BatchNorm in order). BatchNorm running statistics are not touched.
     */
    public void initialize(long seed) {
        try (PaperInit init = new PaperInit(seed)) {
            if (text != null) {
                init.linear(text);
            }
            for (int i = 0; i < deconvs.size(); i++) {
                init.conv(deconvs.get(i).weight());
                if (i < norms.size()) {
                    init.batchNorm(norms.get(i));
                }
            }
        }
    }

    /** Length of the text input; 0 when unconditional. */
    public int textDim() {
        return textDim;
    }

    /** Whether the network takes text. */
    public boolean isConditional() {
        return textDim > 0;
    }

    /** The upsampling stack, 1x1 -> 4x4 -> 8x8 -> ... -> 64x64, in order; the exporter reads its shapes here. */
    public List<Deconv> layers() {
        return layers;
    }

    /** The text compression layer; throws IllegalStateException when unconditional. */
    public LinearImpl textLayer() {
        requireConditional();
        return text;
    }

    /** Transposed convolution {@code i} (0-based) of {@link #layers()}. */
    public ConvTranspose2dImpl deconv(int i) {
        return deconvs.get(i);
    }

    /** BatchNorm after transposed convolution {@code i}; there is none after the last. */
    public BatchNorm2dImpl norm(int i) {
        return norms.get(i);
    }

    /**
     * Conditional forward pass.
     *
     * @param noise      [N, 128] standard normal
     * @param scaledText [N, textDim], already multiplied by the embedding scale
     * @return [N, 17, 64, 64] heatmaps in (-1, 1)
     */
    public Tensor forward(Tensor noise, Tensor scaledText) {
        requireConditional();
        Tensor compressed = leaky_relu(text.forward(scaledText), new Scalar(PaperSpec.LEAKY_SLOPE));
        return upsample(cat(new TensorVector(noise, compressed), 1));
    }

    /**
     * Unconditional forward pass.
     *
     * @param noise [N, 128] standard normal
     * @return [N, 17, 64, 64] heatmaps in (-1, 1)
     */
    public Tensor forward(Tensor noise) {
        if (isConditional()) {
            throw new IllegalStateException("this generator is conditional; call forward(noise, scaledText)");
        }
        return upsample(noise);
    }

    private Tensor upsample(Tensor vector) {
        Tensor x = vector.reshape(vector.size(0), vector.size(1), 1, 1);
        for (int i = 0; i < deconvs.size(); i++) {
            // Through ChannelPadding: oneDNN miscomputes the 17-channel layer's gradients on this machine's CPU.
            Deconv spec = layers.get(i);
            x = ChannelPadding.convTranspose2d(x, deconvs.get(i).weight(), spec.stride(), spec.padding());
            x = i < norms.size() ? relu(norms.get(i).forward(x)) : tanh(x);
        }
        return x;
    }

    private void requireConditional() {
        if (!isConditional()) {
            throw new IllegalStateException("this generator is unconditional; it has no text path");
        }
    }

    /** The paper's table: 256x4x4, 128x8x8, 64x16x16, 32x32x32, 17x64x64. */
    private static List<Deconv> stack(int inputWidth) {
        return List.of(
                new Deconv(inputWidth, 256, 1, 0),
                new Deconv(256, 128, 2, 1),
                new Deconv(128, 64, 2, 1),
                new Deconv(64, 32, 2, 1),
                new Deconv(32, PaperSpec.KEYPOINTS, 2, 1));
    }

    private static ConvTranspose2dImpl newDeconv(Deconv spec) {
        ConvTranspose2dOptions options = new ConvTranspose2dOptions(
                spec.inChannels(), spec.outChannels(), new LongPointer(Deconv.KERNEL, Deconv.KERNEL));
        options.stride().put(0, (long) spec.stride()).put(1, (long) spec.stride());
        // ExpandingArray padding: set both entries, as the options struct holds them in place.
        options.padding().put(0, (long) spec.padding()).put(1, (long) spec.padding());
        options.bias().put(false);
        return new ConvTranspose2dImpl(options);
    }
}
