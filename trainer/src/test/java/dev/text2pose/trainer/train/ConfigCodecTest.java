package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.HeatmapRange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigCodecTest {

    @Test
    void overridesAreTypedByTheField() {
        TrainConfig base = TrainConfig.defaults(Stage.UNCOND);
        TrainConfig changed = ConfigCodec.with(base, Map.of("nCritic", "2", "lrCritic", "4e-4",
                "heatmapRange", "[-1,1]", "emaDecay", "0", "augment", "false", "seed", "42"));
        assertEquals(2, changed.nCritic());
        assertEquals(4e-4, changed.lrCritic());
        assertEquals(1e-4, changed.lrGenerator());
        assertEquals(HeatmapRange.MINUS_ONE_TO_ONE, changed.heatmapRange());
        assertEquals(false, changed.augment());
        assertEquals(42, changed.seed());
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedByName() {
        TrainConfig base = TrainConfig.defaults(Stage.COND);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ConfigCodec.with(base, Map.of("n_critic", "3")));
        assertTrue(unknown.getMessage().contains("n_critic") && unknown.getMessage().contains("nCritic"));
        assertThrows(IllegalArgumentException.class, () -> ConfigCodec.with(base, Map.of("nCritic", "five")));
        assertThrows(IllegalArgumentException.class, () -> ConfigCodec.with(base, Map.of("augment", "yes")));
        assertThrows(IllegalArgumentException.class, () -> ConfigCodec.with(base, Map.of("nCritic", "0")));
        assertThrows(IllegalArgumentException.class, () -> ConfigCodec.with(base, Map.of("stage", "uncond",
                "model", "mlp")), "the MLP baseline is conditional");
    }

    @Test
    void everyPresetRoundTripsThroughText() {
        for (String preset : TrainConfig.PRESETS) {
            for (Stage stage : Stage.values()) {
                TrainConfig config = TrainConfig.preset(preset, stage, ModelKind.HEATMAP);
                assertEquals(config, ConfigCodec.with(TrainConfig.defaults(Stage.COND), ConfigCodec.toMap(config)));
            }
        }
    }

    @Test
    void presetsCarryThePapersStageSettings() {
        TrainConfig stage1 = TrainConfig.preset("paper", Stage.UNCOND, ModelKind.HEATMAP);
        TrainConfig stage2 = TrainConfig.preset("paper", Stage.COND, ModelKind.HEATMAP);
        TrainConfig mlp = TrainConfig.preset("cpu", Stage.COND, ModelKind.MLP);
        assertEquals(10, stage1.lambda());
        assertEquals(1e-4, stage1.lrGenerator());
        assertEquals(150, stage2.lambda());
        assertEquals(4e-4, stage2.lrCritic());
        assertEquals(128, stage2.batchSize());
        assertEquals(5, stage2.nCritic());
        assertEquals(0.0, stage2.beta1());
        assertEquals(0.9, stage2.beta2());
        assertEquals(1.0, stage2.mismatchWeight());
        assertEquals(1e-3, mlp.lrGenerator());
        assertEquals(10, mlp.lambda());
        assertEquals(10, mlp.visibilityWeight());
    }
}
