package dev.text2pose.trainer.model;

import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.flow.FlowNetwork;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("try") // NoGradGuard and PointerScope work by their extent, never referenced
class WeightArchiveTest {

    @TempDir
    Path dir;

    @Test
    void generatorWeightsAndRunningStatisticsSurviveSaveAndLoad() {
        HeatmapGenerator saved = HeatmapGenerator.conditional(1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            saved.train(true);
            saved.forward(randn(8, PaperSpec.NOISE_DIM), randn(8, PaperSpec.TEXT_DIM));
        }
        Path file = dir.resolve("checkpoints/generator.pt");
        WeightArchive.save(saved, file);
        HeatmapGenerator loaded = HeatmapGenerator.conditional(2);
        WeightArchive.load(loaded, file);
        assertSameState(saved, loaded);
    }

    @Test
    void criticWeightsSurviveSaveAndLoad() {
        Critic saved = Critic.unconditional(3);
        Path file = dir.resolve("critic.pt");
        WeightArchive.save(saved, file);
        Critic loaded = Critic.unconditional(4);
        WeightArchive.load(loaded, file);
        assertSameState(saved, loaded);
    }

    @Test
    void weightsOfAnotherShapeAreRefusedByName() {
        Path file = dir.resolve("flow-24.pt");
        WeightArchive.save(new FlowNetwork(24, 0), file);
        // Another text length: libtorch alone would swap inText's weight for the file's [384, 24] one.
        Exception e = assertThrows(IllegalArgumentException.class, () -> WeightArchive.load(new FlowNetwork(32, 0),
                file));
        assertTrue(e.getMessage().contains("inText.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("[384, 24]") && e.getMessage().contains("[384, 32]"), e.getMessage());
    }

    @Test
    void missingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.pt");
        Exception e = assertThrows(RuntimeException.class, () -> WeightArchive.load(Critic.unconditional(0), missing));
        assertEquals(true, e.getMessage().contains("nope.pt"));
    }

    private static void assertSameState(Module expected, Module actual) {
        for (boolean buffers : new boolean[] {false, true}) {
            Map<String, float[]> want = TensorArrays.snapshot(buffers ? expected.named_buffers() : expected.named_parameters());
            Map<String, float[]> got = TensorArrays.snapshot(buffers ? actual.named_buffers() : actual.named_parameters());
            assertEquals(want.keySet(), got.keySet());
            want.forEach((name, values) -> assertArrayEquals(values, got.get(name), name));
        }
    }
}
