package dev.text2pose.trainer.model;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.leaky_relu;

/**
 * The paper's WGAN-LP critic D: 17 heatmaps of 64x64 (and, when conditional, the caption) to one unbounded score.
 *
 * <p>Four {@code Conv2d(k4, s2, p1, no bias)} with LeakyReLU(0.2) take 17x64x64 through 32, 64 and 128 channels to
 * 256x4x4. When conditional, the scaled text goes through its own {@code Linear(textDim->128, bias)} and
 * LeakyReLU(0.2), is tiled 4x4 and appended after the image features, giving 384x4x4. A 1x1 convolution to 256 (no
 * bias) with LeakyReLU and a 4x4 convolution to 1 (no bias) give the score. There is no normalisation layer: the
 * Lipschitz penalty is taken per sample, which batch statistics would break.
 *
 * <p>Unconditional variant ({@code textDim == 0}): the paper calls it the same network without text, so the text
 * path is dropped and the 1x1 convolution reads the 256 image channels alone (256->256). Because the image channels
 * come first in the conditional 1x1 convolution too, stage 2 can copy its first 256 input channels from stage 1 and
 * keep the 128 text channels fresh, which is the paper's transfer.
 *
 * <p>Parameter names ({@code conv1..4}, {@code text}, {@code join}, {@code score}) are the checkpoint format.
 */
public final class Critic extends Module {

    private static final int[] CHANNELS = {PaperSpec.KEYPOINTS, 32, 64, 128, 256};
    private static final int JOIN_CHANNELS = 256;
    private static final int FEATURE_SIDE = 4;

    private final int textDim;
    private final List<Conv2dImpl> convs = new ArrayList<>();
    private final LinearImpl text;
    private final Conv2dImpl join;
    private final Conv2dImpl score;

    /**
     * Builds the critic and initialises it the paper's way from {@code seed}.
     *
     * @param textDim length of the text vector, or 0 for the unconditional stage-1 critic
     * @param seed    the one seed every initial weight derives from
     */
    public Critic(int textDim, long seed) {
        if (textDim < 0) {
            throw new IllegalArgumentException("textDim must be >= 0, got " + textDim);
        }
        this.textDim = textDim;
        for (int i = 0; i + 1 < CHANNELS.length; i++) {
            convs.add(register_module("conv" + (i + 1), newConv(CHANNELS[i], CHANNELS[i + 1], 4, 2, 1)));
        }
        int imageChannels = CHANNELS[CHANNELS.length - 1];
        this.text = textDim > 0
                ? register_module("text", new LinearImpl(textDim, PaperSpec.COMPRESSED_TEXT_DIM))
                : null;
        int joinInput = imageChannels + (textDim > 0 ? PaperSpec.COMPRESSED_TEXT_DIM : 0);
        this.join = register_module("join", newConv(joinInput, JOIN_CHANNELS, 1, 1, 0));
        this.score = register_module("score", newConv(JOIN_CHANNELS, 1, FEATURE_SIDE, 1, 0));
        initialize(seed);
    }

    /** The conditional critic for {@link PaperSpec#TEXT_DIM}-d text, initialised from {@code seed}. */
    public static Critic conditional(long seed) {
        return new Critic(PaperSpec.TEXT_DIM, seed);
    }

    /** The unconditional (stage 1) critic, initialised from {@code seed}. */
    public static Critic unconditional(long seed) {
        return new Critic(0, seed);
    }

    /** Re-draws every weight the paper's way from {@code seed}: the four convolutions, text, join, score. */
    public void initialize(long seed) {
        try (PaperInit init = new PaperInit(seed)) {
            convs.forEach(conv -> init.conv(conv.weight()));
            if (text != null) {
                init.linear(text);
            }
            init.conv(join.weight());
            init.conv(score.weight());
        }
    }

    /** Length of the text input; 0 when unconditional. */
    public int textDim() {
        return textDim;
    }

    /** Whether the critic takes text. */
    public boolean isConditional() {
        return textDim > 0;
    }

    /**
     * Conditional score.
     *
     * @param heatmaps   [N, 17, 64, 64] in the generator's heatmap range
     * @param scaledText [N, textDim], already multiplied by the embedding scale
     * @return [N] scores, higher for what the critic takes as real and matching
     */
    public Tensor forward(Tensor heatmaps, Tensor scaledText) {
        if (!isConditional()) {
            throw new IllegalStateException("this critic is unconditional; call forward(heatmaps)");
        }
        Tensor features = imageFeatures(heatmaps);
        Tensor compressed = leaky(text.forward(scaledText));
        long n = compressed.size(0);
        Tensor tiled = compressed.reshape(n, PaperSpec.COMPRESSED_TEXT_DIM, 1, 1)
                .expand(n, PaperSpec.COMPRESSED_TEXT_DIM, FEATURE_SIDE, FEATURE_SIDE);
        return head(cat(new TensorVector(features, tiled), 1));
    }

    /**
     * Unconditional score.
     *
     * @param heatmaps [N, 17, 64, 64]
     * @return [N] scores
     */
    public Tensor forward(Tensor heatmaps) {
        if (isConditional()) {
            throw new IllegalStateException("this critic is conditional; call forward(heatmaps, scaledText)");
        }
        return head(imageFeatures(heatmaps));
    }

    // The convolutions run through ChannelPadding: oneDNN miscomputes 17- and 1-channel float convolutions here.
    private Tensor imageFeatures(Tensor heatmaps) {
        Tensor x = heatmaps;
        for (Conv2dImpl conv : convs) {
            x = leaky(ChannelPadding.conv2d(x, conv.weight(), 2, 1));
        }
        return x;
    }

    private Tensor head(Tensor joined) {
        Tensor joinedFeatures = leaky(ChannelPadding.conv2d(joined, join.weight(), 1, 0));
        return ChannelPadding.conv2d(joinedFeatures, score.weight(), 1, 0).reshape(-1);
    }

    private static Tensor leaky(Tensor x) {
        return leaky_relu(x, new Scalar(PaperSpec.LEAKY_SLOPE));
    }

    private static Conv2dImpl newConv(long in, long out, long kernel, long stride, long padding) {
        Conv2dOptions options = new Conv2dOptions(in, out, new LongPointer(kernel, kernel));
        options.stride().put(0, stride).put(1, stride);
        // Conv2d padding is a variant (numbers, "valid" or "same"), so it takes a whole pair at once.
        options.padding().put(new LongPointer(padding, padding));
        options.bias().put(false);
        return new Conv2dImpl(options);
    }
}
