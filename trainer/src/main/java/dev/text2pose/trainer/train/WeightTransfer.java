package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.Critic;
import dev.text2pose.trainer.model.HeatmapGenerator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;

/**
 * The paper's transfer from stage 1 to stage 2: every weight and buffer of the unconditional networks is copied
 * into the conditional ones by name, except where the text enters.
 * <ul>
 *   <li>G: the first transposed convolution's weight is [in, out, 4, 4] with the noise first in {@code in}; its
 *       first 128 input rows are copied and the text rows keep their fresh init, as does the text Linear.</li>
 *   <li>D: the 1x1 join convolution's weight is [256, in, 1, 1] with the image channels first in {@code in}; its
 *       first 256 input channels are copied and the text channels, and the text Linear, stay fresh.</li>
 * </ul>
 */
final class WeightTransfer {

    private WeightTransfer() {
    }

    /** Copies the stage-1 generator into the conditional {@code stage2}, noise part only for the first layer. */
    static void generator(HeatmapGenerator stage1, HeatmapGenerator stage2) {
        require(!stage1.isConditional() && stage2.isConditional(), "generator transfer goes uncond -> cond");
        copy(stage1, stage2, "deconv1.weight", 0);
    }

    /** Copies the stage-1 critic into the conditional {@code stage2}, image channels only for the join layer. */
    static void critic(Critic stage1, Critic stage2) {
        require(!stage1.isConditional() && stage2.isConditional(), "critic transfer goes uncond -> cond");
        copy(stage1, stage2, "join.weight", 1);
    }

    @SuppressWarnings("try")
    private static void copy(Module from, Module to, String partial, int dim) {
        StringTensorDict target = to.named_parameters();
        StringTensorDict targetBuffers = to.named_buffers();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (StringTensorDict source : new StringTensorDict[] {from.named_parameters(), from.named_buffers()}) {
                for (long i = 0; i < source.size(); i++) {
                    StringTensorDictItem item = source.get(i);
                    String name = item.key().getString();
                    Tensor value = item.value();
                    Tensor into = target.contains(name) ? target.get(name) : targetBuffers.get(name);
                    if (name.equals(partial)) {
                        into.narrow(dim, 0, value.size(dim)).copy_(value);
                    } else {
                        into.copy_(value);
                    }
                }
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
