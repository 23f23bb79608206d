package dev.text2pose.trainer.baseline;

import dev.text2pose.trainer.model.PaperInit;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.relu;

/**
 * The paper's regression baseline generator: {@code [z(128), text]} through {@code Linear -> 250}, ReLU,
 * {@code Linear -> 200}, ReLU, {@code Linear -> 51}. The first 34 outputs are the coordinates (in units of
 * {@value MlpPoses#COORDINATE_SCALE} px), the last 17 go through a sigmoid and are the visibilities, so the output
 * is a pose vector as {@link MlpPoses} describes it, the same form the critic reads real poses in.
 *
 * <p>The text is the scaled sentence vector, taken whole (no compression layer: the paper's MLP has none).
 * Parameter names ({@code hidden1}, {@code hidden2}, {@code out}) are the checkpoint format.
 */
public final class MlpGenerator extends Module {

    private final int textDim;
    private final LinearImpl hidden1;
    private final LinearImpl hidden2;
    private final LinearImpl out;

    /** A generator for {@code textDim}-long text, initialised the paper's way from {@code seed}. */
    public MlpGenerator(int textDim, long seed) {
        if (textDim <= 0) {
            throw new IllegalArgumentException("the MLP baseline is conditional; textDim must be > 0");
        }
        this.textDim = textDim;
        this.hidden1 = register_module("hidden1", new LinearImpl(PaperSpec.NOISE_DIM + textDim, 250));
        this.hidden2 = register_module("hidden2", new LinearImpl(250, 200));
        this.out = register_module("out", new LinearImpl(200, MlpPoses.WIDTH));
        try (PaperInit init = new PaperInit(seed)) {
            init.linear(hidden1);
            init.linear(hidden2);
            init.linear(out);
        }
    }

    /** Length of the text input. */
    public int textDim() {
        return textDim;
    }

    /** The first layer, on {@code [noise, scaled text]}; for export. */
    public LinearImpl hidden1() {
        return hidden1;
    }

    /** The second layer; for export. */
    public LinearImpl hidden2() {
        return hidden2;
    }

    /** The output layer, before the visibilities' sigmoid; for export. */
    public LinearImpl out() {
        return out;
    }

    /**
     * @param noise      [N, 128] standard normal
     * @param scaledText [N, textDim]
     * @return [N, 51] pose vectors: coordinates / 20, then sigmoid visibilities
     */
    public Tensor forward(Tensor noise, Tensor scaledText) {
        Tensor h = relu(hidden1.forward(cat(new TensorVector(noise, scaledText), 1)));
        Tensor raw = out.forward(relu(hidden2.forward(h)));
        Tensor coordinates = raw.narrow(1, 0, MlpPoses.VISIBILITY_OFFSET);
        Tensor visibilities = raw.narrow(1, MlpPoses.VISIBILITY_OFFSET, PaperSpec.KEYPOINTS).sigmoid();
        return cat(new TensorVector(coordinates, visibilities), 1);
    }
}
