package dev.text2pose.trainer.flow;

import dev.text2pose.trainer.model.PaperInit;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.silu;

/**
 * The velocity network of the keypoint-space flow: {@code v(x_t, t, text)} for a {@link FlowPoses} vector x_t.
 *
 * <pre>
 * h = inPose(x_t) + inTime(FlowTime(t)) + inText(text)                       [N, width]
 * h = h + fc2_i(SiLU(fc1_i(SiLU(h))))   for each of the residual blocks
 * v = out(SiLU(h))                                                           [N, 51]
 * </pre>
 * The three input layers are one Linear over the concatenation, split so that the text's share can be computed
 * once per sample and the time's once per sampler step ({@link FlowSampler}, and the exported graph). The null
 * caption of classifier-free guidance is the zero text vector, whose projection is {@code inText}'s bias. No
 * normalisation layer (ONNX opset 13 has none to export it to); instead each block's last layer starts at zero, so
 * the untrained network is a shallow one and the blocks grow in. Parameter names are the checkpoint format.
 */
public final class FlowNetwork extends Module {

    /** Hidden width. */
    public static final int WIDTH = 384;

    /** Residual blocks. */
    public static final int BLOCKS = 3;

    private final int textDim;
    private final LinearImpl inPose;
    private final LinearImpl inTime;
    private final LinearImpl inText;
    private final List<LinearImpl> fc1 = new ArrayList<>();
    private final List<LinearImpl> fc2 = new ArrayList<>();
    private final LinearImpl out;

    /** A network for {@code textDim}-long text, initialised from {@code seed}. */
    @SuppressWarnings("try")
    public FlowNetwork(int textDim, long seed) {
        if (textDim <= 0) {
            throw new IllegalArgumentException("the flow model is conditional; textDim must be > 0");
        }
        this.textDim = textDim;
        this.inPose = register_module("inPose", new LinearImpl(FlowPoses.WIDTH, WIDTH));
        this.inTime = register_module("inTime", new LinearImpl(FlowTime.DIM, WIDTH));
        this.inText = register_module("inText", new LinearImpl(textDim, WIDTH));
        for (int i = 0; i < BLOCKS; i++) {
            fc1.add(register_module("fc1_" + i, new LinearImpl(WIDTH, WIDTH)));
            fc2.add(register_module("fc2_" + i, new LinearImpl(WIDTH, WIDTH)));
        }
        this.out = register_module("out", new LinearImpl(WIDTH, FlowPoses.WIDTH));
        try (PaperInit init = new PaperInit(seed)) {
            init.linear(inPose);
            init.linear(inTime);
            init.linear(inText);
            for (int i = 0; i < BLOCKS; i++) {
                init.linear(fc1.get(i));
                init.linear(fc2.get(i));
            }
            init.linear(out);
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            fc2.forEach(layer -> {
                layer.weight().zero_();
                layer.bias().zero_();
            });
        }
    }

    /** Length of the text input. */
    public int textDim() {
        return textDim;
    }

    /** The text's share of the first layer, [N, width], for [N, textDim] scaled text (zeros: the null caption). */
    public Tensor textProjection(Tensor scaledText) {
        return inText.forward(scaledText);
    }

    /**
     * @param x              [N, 51] the current point
     * @param timeFeatures   [N or 1, {@value FlowTime#DIM}] {@link FlowTime} features
     * @param textProjection [N, width] from {@link #textProjection}
     * @return [N, 51] the velocity
     */
    public Tensor velocity(Tensor x, Tensor timeFeatures, Tensor textProjection) {
        Tensor h = inPose.forward(x).add(inTime.forward(timeFeatures)).add(textProjection);
        for (int i = 0; i < BLOCKS; i++) {
            h = h.add(fc2.get(i).forward(silu(fc1.get(i).forward(silu(h)))));
        }
        return out.forward(silu(h));
    }

    /** {@link #velocity} for [N, textDim] scaled text. */
    public Tensor forward(Tensor x, Tensor timeFeatures, Tensor scaledText) {
        return velocity(x, timeFeatures, textProjection(scaledText));
    }

    public LinearImpl inPose() {
        return inPose;
    }

    public LinearImpl inTime() {
        return inTime;
    }

    public LinearImpl inText() {
        return inText;
    }

    public LinearImpl fc1(int block) {
        return fc1.get(block);
    }

    public LinearImpl fc2(int block) {
        return fc2.get(block);
    }

    public LinearImpl out() {
        return out;
    }
}
