package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the paper's normalisation formulas on examples computed by hand. */
class PoseNormalizerTest {

    private static final float EXACT = 1e-4f;

    /** Keypoints 0, 1, 2 labelled at the given image points, all others unlabelled. */
    private static float[] keypoints(float... xyv) {
        float[] k = new float[51];
        System.arraycopy(xyv, 0, k, 0, xyv.length);
        return k;
    }

    @Test
    void tallBoxSpansTheHeightAndCentresTheWidth() {
        // bbox x0=100, y0=50, w=40, h=80: h > w, so
        // x' = 32 - (40/80)*32 + (x-100)/80*64 = 16 + 0.8*(x-100), y' = (y-50)/80*64 = 0.8*(y-50).
        FramePose pose = PoseNormalizer.normalize(keypoints(100, 50, 2, 140, 130, 2, 120, 90, 1),
                new float[] {100, 50, 40, 80});
        assertPoint(pose, 0, 16, 0);
        assertPoint(pose, 1, 48, 64);
        assertPoint(pose, 2, 32, 32);
    }

    @Test
    void wideBoxSpansTheWidthAndCentresTheHeight() {
        // bbox x0=10, y0=20, w=200, h=50: not h > w, so
        // x' = (x-10)/200*64 = 0.32*(x-10), y' = 32 - (50/200)*32 + (y-20)/200*64 = 24 + 0.32*(y-20).
        FramePose pose = PoseNormalizer.normalize(keypoints(10, 20, 2, 210, 70, 2, 60, 45, 2),
                new float[] {10, 20, 200, 50});
        assertPoint(pose, 0, 0, 24);
        assertPoint(pose, 1, 64, 40);
        assertPoint(pose, 2, 16, 32);
    }

    @Test
    void squareBoxFillsTheFrame() {
        FramePose pose = PoseNormalizer.normalize(keypoints(50, 50, 2, 0, 100, 2), new float[] {0, 0, 100, 100});
        assertPoint(pose, 0, 32, 32);
        assertPoint(pose, 1, 0, 64);
    }

    @Test
    void keypointOutsideTheBoxMapsOutsideTheFrameUnclamped() {
        // Tall box as above; a wrist 10 px left of the box lies 8 frame pixels left of the box's left edge at 16.
        FramePose pose = PoseNormalizer.normalize(keypoints(90, 50, 2), new float[] {100, 50, 40, 80});
        assertPoint(pose, 0, 8, 0);
    }

    @Test
    void visibilityOneAndTwoAreLabelledAndZeroIsNot() {
        FramePose pose = PoseNormalizer.normalize(keypoints(10, 10, 1, 20, 20, 2, 30, 30, 0),
                new float[] {0, 0, 100, 100});
        assertTrue(pose.isLabelled(0));
        assertTrue(pose.isLabelled(1));
        assertFalse(pose.isLabelled(2));
        assertEquals(0f, pose.x(2));
        assertEquals(0f, pose.y(2));
        assertEquals(2, pose.labelledCount());
    }

    private static void assertPoint(FramePose pose, int i, float x, float y) {
        assertTrue(pose.isLabelled(i), "keypoint " + i + " labelled");
        assertEquals(x, pose.x(i), EXACT, "x of keypoint " + i);
        assertEquals(y, pose.y(i), EXACT, "y of keypoint " + i);
    }
}
