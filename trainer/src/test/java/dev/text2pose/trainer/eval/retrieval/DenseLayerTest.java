package dev.text2pose.trainer.eval.retrieval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DenseLayerTest {

    @TempDir
    Path dir;

    @Test
    void forwardIsWeightTimesInputPlusBias() {
        DenseLayer layer = DenseLayer.kaiming(2, 1, 1);
        layer.setWeight(0, 0, 2f);
        layer.setWeight(0, 1, -1f);
        assertArrayEquals(new float[] {2f * 3 - 4, 2f * 1 - 1}, layer.forward(new float[] {3, 4, 1, 1}, 2));
    }

    @Test
    void backwardGivesTheGradientsOfALinearLoss() {
        // Loss = sum over the batch of c . y, so dL/dy = c for every row.
        DenseLayer layer = DenseLayer.kaiming(3, 2, 2);
        float[] x = {1, 2, 3, -1, 0, 2};
        float[] c = {0.5f, -2f, 0.5f, -2f};
        float[] dx = layer.backward(x, c, 2, true);
        // dL/dW[o][i] = sum_b c[o] * x[b][i]
        assertEquals(0.5f * (1 - 1), layer.weightGradient(0, 0), 1e-6);
        assertEquals(-2f * (3 + 2), layer.weightGradient(1, 2), 1e-6);
        // dL/dx[b][i] = sum_o c[o] * W[o][i]
        assertEquals(0.5f * layer.weight(0, 1) - 2f * layer.weight(1, 1), dx[4], 1e-6);
        assertNull(layer.backward(x, c, 2, false), "a first layer asks for no input gradient");
    }

    @Test
    void writesAndReadsItsWeights() throws IOException {
        DenseLayer layer = DenseLayer.kaiming(4, 3, 9);
        Path file = dir.resolve("layer.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            layer.write(out);
        }
        DenseLayer read;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            read = DenseLayer.read(in);
        }
        float[] x = {1, 2, 3, 4};
        assertArrayEquals(layer.forward(x, 1), read.forward(x, 1));
    }
}
