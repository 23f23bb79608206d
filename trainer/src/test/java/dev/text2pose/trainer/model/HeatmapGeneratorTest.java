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
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try") // NoGradGuard and PointerScope work by their extent, never referenced
class HeatmapGeneratorTest {

    @Test
    void conditionalGeneratorMakesSeventeenHeatmapsOf64InTanhRange() {
        HeatmapGenerator generator = HeatmapGenerator.conditional(1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor out = generator.forward(randn(3, PaperSpec.NOISE_DIM), randn(3, PaperSpec.TEXT_DIM));
            assertArrayEquals(new long[] {3, 17, 64, 64}, out.sizes().vec().get());
            assertTrue(out.abs().max().item_float() <= 1f);
        }
    }

    @Test
    void unconditionalGeneratorTakesNoiseAlone() {
        HeatmapGenerator generator = HeatmapGenerator.unconditional(1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor out = generator.forward(randn(2, PaperSpec.NOISE_DIM));
            assertArrayEquals(new long[] {2, 17, 64, 64}, out.sizes().vec().get());
        }
        assertThrows(IllegalStateException.class, generator::textLayer);
        assertThrows(IllegalStateException.class, () -> HeatmapGenerator.conditional(1).forward(randn(1, 128)));
    }

    @Test
    void parameterCountsMatchThePaperTable() {
        // Text Linear 384*128+128, deconvs 256*256*16 + 256*128*16 + 128*64*16 + 64*32*16 + 32*17*16, BN 2*(256+128+64+32).
        assertEquals(1_795_648, parameterCount(HeatmapGenerator.conditional(0)));
        // No text Linear, and the first deconv reads 128 channels: 128*256*16.
        assertEquals(1_222_080, parameterCount(HeatmapGenerator.unconditional(0)));
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
        Map<String, float[]> first = TensorArrays.snapshot(HeatmapGenerator.conditional(42).named_parameters());
        Map<String, float[]> again = TensorArrays.snapshot(HeatmapGenerator.conditional(42).named_parameters());
        Map<String, float[]> other = TensorArrays.snapshot(HeatmapGenerator.conditional(43).named_parameters());
        assertEquals(first.keySet(), again.keySet());
        first.forEach((name, values) -> assertArrayEquals(values, again.get(name), name));
        assertFalse(java.util.Arrays.equals(first.get("deconv1.weight"), other.get("deconv1.weight")));
    }

    @Test
    void initialisationFollowsThePaper() {
        HeatmapGenerator generator = HeatmapGenerator.conditional(5);
        assertEquals(0.02, generator.deconv(0).weight().std().item_double(), 0.001);
        assertEquals(0.0, generator.deconv(0).weight().mean().item_double(), 0.001);
        assertEquals(1.0, generator.norm(0).weight().mean().item_double(), 0.01);
        assertEquals(0.0, generator.norm(0).bias().mean().item_double(), 0.01);
        assertEquals(Math.sqrt(2.0 / PaperSpec.TEXT_DIM), generator.textLayer().weight().std().item_double(), 0.002);
        assertEquals(0.02, generator.textLayer().bias().std().item_double(), 0.006);
    }

    static long parameterCount(org.bytedeco.pytorch.Module network) {
        long total = 0;
        var parameters = network.parameters();
        for (long i = 0; i < parameters.size(); i++) {
            total += parameters.get(i).numel();
        }
        return total;
    }
}
