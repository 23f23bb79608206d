package dev.text2pose.trainer.train;

import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.model.Critic;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.PaperSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class WeightTransferTest {

    @Test
    void generatorKeepsTheNoisePartAndFreshText() {
        HeatmapGenerator stage1 = HeatmapGenerator.unconditional(1);
        HeatmapGenerator fresh = HeatmapGenerator.conditional(2);
        HeatmapGenerator stage2 = HeatmapGenerator.conditional(2);
        WeightTransfer.generator(stage1, stage2);
        Map<String, float[]> one = TensorArrays.snapshot(stage1.named_parameters());
        Map<String, float[]> two = TensorArrays.snapshot(stage2.named_parameters());
        Map<String, float[]> init = TensorArrays.snapshot(fresh.named_parameters());
        // deconv1.weight is [in, 256, 4, 4]: the first 128 input rows are the noise's.
        int noisePart = PaperSpec.NOISE_DIM * 256 * 16;
        float[] first = two.get("deconv1.weight");
        assertArrayEquals(one.get("deconv1.weight"), Arrays.copyOfRange(first, 0, noisePart));
        assertArrayEquals(Arrays.copyOfRange(init.get("deconv1.weight"), noisePart, first.length),
                Arrays.copyOfRange(first, noisePart, first.length));
        assertArrayEquals(init.get("text.weight"), two.get("text.weight"));
        assertArrayEquals(one.get("deconv5.weight"), two.get("deconv5.weight"));
        assertArrayEquals(one.get("norm2.bias"), two.get("norm2.bias"));
    }

    @Test
    void criticKeepsTheImagePartAndFreshText() {
        Critic stage1 = Critic.unconditional(3);
        Critic fresh = Critic.conditional(4);
        Critic stage2 = Critic.conditional(4);
        WeightTransfer.critic(stage1, stage2);
        float[] joinOne = TensorArrays.values(stage1.named_parameters().get("join.weight"));
        float[] joinTwo = TensorArrays.values(stage2.named_parameters().get("join.weight"));
        float[] joinInit = TensorArrays.values(fresh.named_parameters().get("join.weight"));
        // join.weight is [256, 384, 1, 1]: per output channel, 256 image inputs then 128 text inputs.
        for (int out = 0; out < 256; out++) {
            assertArrayEquals(Arrays.copyOfRange(joinOne, out * 256, out * 256 + 256),
                    Arrays.copyOfRange(joinTwo, out * 384, out * 384 + 256));
            assertArrayEquals(Arrays.copyOfRange(joinInit, out * 384 + 256, out * 384 + 384),
                    Arrays.copyOfRange(joinTwo, out * 384 + 256, out * 384 + 384));
        }
        assertArrayEquals(TensorArrays.values(stage1.named_parameters().get("conv1.weight")),
                TensorArrays.values(stage2.named_parameters().get("conv1.weight")));
        assertArrayEquals(TensorArrays.values(fresh.named_parameters().get("text.weight")),
                TensorArrays.values(stage2.named_parameters().get("text.weight")));
    }
}
