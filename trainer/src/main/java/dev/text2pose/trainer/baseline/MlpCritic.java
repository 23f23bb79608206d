package dev.text2pose.trainer.baseline;

import dev.text2pose.trainer.model.PaperInit;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.relu;

/**
 * The regression baseline's critic, an MLP of the generator's shape: {@code [pose vector(51), text]} through
 * {@code Linear -> 250}, ReLU, {@code Linear -> 200}, ReLU, {@code Linear -> 1}. No normalisation, as the
 * per-sample Lipschitz penalty needs. Parameter names ({@code hidden1}, {@code hidden2}, {@code score}) are the
 * checkpoint format.
 */
public final class MlpCritic extends Module {

    private final LinearImpl hidden1;
    private final LinearImpl hidden2;
    private final LinearImpl score;

    /** A critic for {@code textDim}-long text, initialised the paper's way from {@code seed}. */
    public MlpCritic(int textDim, long seed) {
        if (textDim <= 0) {
            throw new IllegalArgumentException("the MLP baseline is conditional; textDim must be > 0");
        }
        this.hidden1 = register_module("hidden1", new LinearImpl(MlpPoses.WIDTH + textDim, 250));
        this.hidden2 = register_module("hidden2", new LinearImpl(250, 200));
        this.score = register_module("score", new LinearImpl(200, 1));
        try (PaperInit init = new PaperInit(seed)) {
            init.linear(hidden1);
            init.linear(hidden2);
            init.linear(score);
        }
    }

    /**
     * @param poses      [N, 51] pose vectors ({@link MlpPoses})
     * @param scaledText [N, textDim]
     * @return [N] scores
     */
    public Tensor forward(Tensor poses, Tensor scaledText) {
        Tensor h = relu(hidden1.forward(cat(new TensorVector(poses, scaledText), 1)));
        return score.forward(relu(hidden2.forward(h))).reshape(-1);
    }
}
