package dev.text2pose.trainer.export;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit matches each keypoint's presence rate, and the mapping keeps the bundle's one threshold meaningful. */
class PresenceCalibrationTest {

    private static final int K = 17;

    @Test
    void fittedThresholdsMakeEveryKeypointAsPresentAsRealPoses() {
        Random random = new Random(3);
        int n = 1000;
        float[][] confidences = new float[n][K];
        for (float[] row : confidences) {
            for (int k = 0; k < K; k++) {
                row[k] = (float) Math.min(1, Math.max(0, 0.4 + 0.2 * random.nextGaussian() + 0.01 * k));
            }
        }
        double[] real = new double[K];
        for (int k = 0; k < K; k++) {
            real[k] = 0.55 + 0.025 * k;
        }
        PresenceCalibration calibration = PresenceCalibration.fit(confidences, real, 0.2f);
        for (int k = 0; k < K; k++) {
            int present = 0;
            for (float[] row : confidences) {
                present += calibration.apply(k, row[k]) > 0.2f ? 1 : 0;
            }
            // Ties and the rounding of r*n to whole poses move the rate by at most a pose or two.
            assertEquals(real[k], present / (double) n, 2.0 / n, "keypoint " + k);
        }
    }

    @Test
    void theMappingIsMonotoneFixesZeroAndOneAndSendsEachThresholdToTheTarget() {
        float[] thresholds = new float[K];
        for (int k = 0; k < K; k++) {
            thresholds[k] = 0.05f + 0.05f * k;
        }
        PresenceCalibration calibration = new PresenceCalibration(thresholds, 0.2f);
        for (int k = 0; k < K; k++) {
            assertEquals(0.2f, calibration.apply(k, thresholds[k]), 1e-5f);
            assertEquals(1f, calibration.apply(k, 1.7f), 1e-6f, "above 1 is clipped to 1");
            assertEquals(0f, calibration.apply(k, -0.3f), 1e-3f, "below 0 is clipped, never NaN");
            float previous = -1;
            for (float c = 0; c <= 1; c += 0.01f) {
                float mapped = calibration.apply(k, c);
                assertTrue(mapped >= previous, "monotone at " + c);
                previous = mapped;
            }
        }
        assertTrue(calibration.describe().startsWith("nose=0.0500,left_eye=0.1000,"), calibration.describe());
    }

    @Test
    void keypointsThatAreAlwaysOrNeverPresentClampTheirThresholds() {
        float[][] rows = new float[2][K];
        Arrays.fill(rows[0], 0.3f);
        Arrays.fill(rows[1], 0.5f);
        double[] real = new double[K];
        real[0] = 1.0;
        PresenceCalibration calibration = PresenceCalibration.fit(rows, real, 0.2f);
        assertTrue(calibration.apply(0, 0.3f) > 0.2f && calibration.apply(0, 0.5f) > 0.2f, "always present");
        assertTrue(calibration.apply(1, 0.5f) <= 0.2f, "never present");
        assertThrows(IllegalArgumentException.class, () -> new PresenceCalibration(new float[K], 0.2f));
    }
}
