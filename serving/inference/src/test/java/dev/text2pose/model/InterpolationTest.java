package dev.text2pose.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InterpolationTest {

    @Test
    void weightsRunFromZeroToOneInEqualSteps() {
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f}, Interpolation.weights(5));
        assertArrayEquals(new float[] {0f, 1f}, Interpolation.weights(2));
        assertArrayEquals(new float[] {0f}, Interpolation.weights(1));
    }

    @Test
    void endPointsAreTheInputsExactly() {
        float[] from = {0.1f, -0.7f, 0.3f};
        float[] to = {0.9f, 0.2f, -0.4f};
        assertArrayEquals(from, Interpolation.lerp(from, to, 0f));
        assertArrayEquals(to, Interpolation.lerp(from, to, 1f));
        assertArrayEquals(new float[] {0.5f, -0.25f, -0.05f}, Interpolation.lerp(from, to, 0.5f), 1e-6f);
    }

    @Test
    void rejectsMismatchedVectorsAndNoFrames() {
        assertThrows(IllegalArgumentException.class, () -> Interpolation.lerp(new float[2], new float[3], 0.5f));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.weights(0));
    }
}
