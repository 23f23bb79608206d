package dev.text2pose.trainer.export;

import dev.text2pose.trainer.model.HeatmapRange;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bundles' decoder graph, run alone by ONNX Runtime, on hand-made heatmaps with known peaks. */
class GraphKeypointDecoderTest {

    private static final int SIZE = 4;

    @Test
    void zeroToOnePeaksGiveColumnRowAndTheRawMaximum() {
        float[] heatmaps = new float[2 * SIZE * SIZE];
        heatmaps[SIZE + 3] = 0.7f; // channel 0: row 1, column 3
        heatmaps[SIZE * SIZE + 2 * SIZE] = 0.1f; // channel 1: row 2, column 0, below the presence threshold
        float[][][] keypoints = GraphKeypointDecoder.keypoints(heatmaps, 1, 2, SIZE, HeatmapRange.ZERO_TO_ONE);
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.7f}, keypoints[0][0]);
        assertArrayEquals(new float[] {0f, 0.5f, 0.1f}, keypoints[0][1]);
    }

    @Test
    void signedHeatmapsAreMappedToTheUnitRangeFirst() {
        float[] heatmaps = new float[SIZE * SIZE];
        Arrays.fill(heatmaps, -1f);
        heatmaps[2 * SIZE + 1] = 0.5f;
        float[][][] keypoints = GraphKeypointDecoder.keypoints(heatmaps, 1, 1, SIZE, HeatmapRange.MINUS_ONE_TO_ONE);
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f}, keypoints[0][0]);
    }

    @Test
    void tiesGoToTheFirstMaximumAsOnnxArgMax() {
        float[] heatmaps = new float[SIZE * SIZE];
        heatmaps[5] = 0.9f;
        heatmaps[9] = 0.9f;
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.9f},
                GraphKeypointDecoder.keypoints(heatmaps, 1, 1, SIZE, HeatmapRange.ZERO_TO_ONE)[0][0]);
        Arrays.fill(heatmaps, 0f);
        assertArrayEquals(new float[] {0f, 0f, 0f},
                GraphKeypointDecoder.keypoints(heatmaps, 1, 1, SIZE, HeatmapRange.ZERO_TO_ONE)[0][0], "a flat channel");
    }

    @Test
    void aTensorDecodesLikeItsValues() {
        float[] heatmaps = new float[3 * 2 * SIZE * SIZE];
        for (int i = 0; i < heatmaps.length; i++) {
            heatmaps[i] = (float) Math.sin(i * 0.37);
        }
        float[][][] fromTensor = GraphKeypointDecoder.keypoints(Tensor.create(heatmaps, 3, 2, SIZE, SIZE),
                HeatmapRange.MINUS_ONE_TO_ONE);
        float[][][] fromValues = GraphKeypointDecoder.keypoints(heatmaps, 3, 2, SIZE, HeatmapRange.MINUS_ONE_TO_ONE);
        assertEquals(3, fromTensor.length);
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(fromValues[b][k], fromTensor[b][k]);
            }
        }
    }

    @Test
    void valuesOfAnotherShapeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> GraphKeypointDecoder.keypoints(new float[10], 1, 1, SIZE, HeatmapRange.ZERO_TO_ONE));
    }
}
