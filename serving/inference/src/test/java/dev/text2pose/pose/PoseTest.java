package dev.text2pose.pose;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseTest {

    @Test
    void presenceIsConfidenceStrictlyAboveTheThreshold() {
        float[][] rows = new float[17][];
        for (int i = 0; i < 17; i++) {
            rows[i] = new float[] {i / 17f, 0.5f, i == 0 ? 0.2f : 0.21f};
        }
        Pose pose = Pose.fromArray(rows, 0.2f);
        assertFalse(pose.keypoint(0).present(), "a confidence equal to the threshold is absent");
        assertTrue(pose.keypoint(1).present());
        assertEquals(new Keypoint(3 / 17f, 0.5f, 0.21f, true), pose.keypoint(3));
    }

    @Test
    void rejectsRowsThatAreNotXYConfidence() {
        assertThrows(IllegalArgumentException.class, () -> Pose.fromArray(new float[17][2], 0.2f));
        assertThrows(IllegalArgumentException.class, () -> Pose.fromArray(new float[16][3], 0.2f));
    }
}
