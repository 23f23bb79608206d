package dev.text2pose.trainer.train;

import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.WeightArchive;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed stage-1 weights are what the cpu preset's stage 2 starts from: they must be a stage-1 heatmap
 * checkpoint of the same heatmap range, small enough to commit, and must transfer into a stage-2 run. Beside them,
 * the kept flow weights must be what the flow's cpu preset trains.
 */
class ShippedStage1Test {

    /** Surefire runs in the module folder; the preset's path is relative to the repository root. */
    private static final Path FOLDER = Path.of("..").resolve(TrainConfig.SHIPPED_STAGE1);

    @Test
    void cpuStage2StartsFromTheShippedStage1Weights() {
        TrainConfig stage2 = TrainConfig.defaults(Stage.COND);
        assertEquals(TrainConfig.SHIPPED_STAGE1, stage2.initFrom());
        Checkpoint stage1 = Checkpoint.read(FOLDER);
        assertEquals(Stage.UNCOND, stage1.config().stage());
        assertEquals(ModelKind.HEATMAP, stage1.config().model());
        assertEquals(stage2.heatmapRange(), stage1.config().heatmapRange());
        assertEquals(HeatmapRange.ZERO_TO_ONE, stage1.config().heatmapRange());
        assertEquals(TrainConfig.CPU_STAGE1_STEPS, stage1.step(), "the cpu preset's stage 1 names the shipped steps");
        assertEquals(0.0, stage1.config().captionNoise(), "a checkpoint from before the key reads as no noise");
    }

    @Test
    void theFlowCpuPresetIsTheRecipeOfTheKeptFlowWeights() {
        Checkpoint flow = Checkpoint.read(FOLDER.resolveSibling("flow"));
        TrainConfig preset = TrainConfig.preset("cpu", Stage.COND, ModelKind.FLOW);
        assertEquals(List.of(), ConfigCodec.trajectoryChanges(flow.config(), preset));
        assertEquals(TrainConfig.FLOW_CAPTION_NOISE, flow.config().captionNoise());
        assertEquals(TrainConfig.CPU_FLOW_STEPS, flow.step());
    }

    @Test
    void shippedWeightsHoldNoOptimiserStateAndFitTheBudget() throws Exception {
        long bytes = 0;
        try (var files = Files.list(FOLDER)) {
            for (Path file : files.toList()) {
                assertFalse(file.getFileName().toString().contains("adam"), "no optimiser state: " + file);
                bytes += Files.size(file);
            }
        }
        assertTrue(bytes < 15 * 1024 * 1024, "stage-1 folder is " + bytes + " bytes, over 15 MB");
    }

    @Test
    void shippedWeightsTransferIntoAStage2Run() {
        TrainConfig config = ConfigCodec.with(TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP),
                Map.of("initFrom", FOLDER.toString()));
        HeatmapGenerator stage2 = (HeatmapGenerator) Gans.create(config, 384).generator();
        HeatmapGenerator stage1 = HeatmapGenerator.unconditional(0);
        WeightArchive.load(stage1, FOLDER.resolve(Checkpoint.GENERATOR));
        assertArrayEquals(TensorArrays.snapshot(stage1.named_parameters()).get("deconv5.weight"),
                TensorArrays.snapshot(stage2.named_parameters()).get("deconv5.weight"));
    }
}
