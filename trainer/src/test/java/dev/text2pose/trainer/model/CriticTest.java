package dev.text2pose.trainer.model;

import dev.text2pose.trainer.TensorArrays;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

@SuppressWarnings("try") // NoGradGuard and PointerScope work by their extent, never referenced
class CriticTest {

    @Test
    void conditionalCriticGivesOneScorePerSample() {
        Critic critic = Critic.conditional(1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor scores = critic.forward(randn(4, 17, 64, 64), randn(4, PaperSpec.TEXT_DIM));
            assertArrayEquals(new long[] {4}, scores.sizes().vec().get());
        }
        assertThrows(IllegalStateException.class, () -> critic.forward(randn(1, 17, 64, 64)));
    }

    @Test
    void unconditionalCriticScoresHeatmapsAlone() {
        Critic critic = Critic.unconditional(1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor scores = critic.forward(randn(2, 17, 64, 64));
            assertArrayEquals(new long[] {2}, scores.sizes().vec().get());
        }
    }

    @Test
    void parameterCountsMatchThePaperTable() {
        // Convs 17*32*16 + 32*64*16 + 64*128*16 + 128*256*16, text Linear 384*128+128, join 384*256, score 256*16.
        assertEquals(848_512, HeatmapGeneratorTest.parameterCount(Critic.conditional(0)));
        // No text Linear; the 1x1 join reads the 256 image channels alone.
        assertEquals(766_464, HeatmapGeneratorTest.parameterCount(Critic.unconditional(0)));
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Map<String, float[]> first = TensorArrays.snapshot(Critic.conditional(9).named_parameters());
        Map<String, float[]> again = TensorArrays.snapshot(Critic.conditional(9).named_parameters());
        Map<String, float[]> other = TensorArrays.snapshot(Critic.conditional(10).named_parameters());
        first.forEach((name, values) -> assertArrayEquals(values, again.get(name), name));
        assertFalse(java.util.Arrays.equals(first.get("join.weight"), other.get("join.weight")));
    }
}
