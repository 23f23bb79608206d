package dev.text2pose.text;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class MeanPoolingTest {

    @Test
    void averagesOnlyUnmaskedTokensThenNormalises() {
        // Two sentences of up to three tokens of dimension 2; the second has one padding token holding garbage.
        FloatBuffer hidden = FloatBuffer.wrap(new float[] {
                3, 0, 0, 4, 3, 8,
                1, 1, 3, 3, 100, -100});
        long[] mask = {1, 1, 1, 1, 1, 0};
        float[][] pooled = MeanPooling.pool(hidden, mask, 2, 3, 2);
        // Sentence 0: mean (2, 4) -> (0.4472, 0.8944). Sentence 1: mean (2, 2), the padding ignored.
        assertArrayEquals(new float[] {0.4472136f, 0.8944272f}, pooled[0], 1e-6f);
        assertArrayEquals(new float[] {0.70710677f, 0.70710677f}, pooled[1], 1e-6f);
    }

    @Test
    void aZeroVectorStaysZero() {
        float[] zero = new float[3];
        MeanPooling.normalise(zero);
        assertArrayEquals(new float[3], zero);
    }
}
