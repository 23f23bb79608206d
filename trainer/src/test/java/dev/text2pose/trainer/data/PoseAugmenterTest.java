package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flip and rotation: geometry, left/right swap, unlabelled keypoints, and reproducibility from a seed. */
class PoseAugmenterTest {

    private static final float EPS = 1e-4f;

    /** Keypoint i at (10 + 2i, 5 + 3i); every fourth unlabelled. */
    private static FramePose pose() {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        for (int i = 0; i < 17; i++) {
            x[i] = 10 + 2 * i;
            y[i] = 5 + 3 * i;
            labelled[i] = i % 4 != 3;
        }
        return new FramePose(x, y, labelled);
    }

    @Test
    void flipMirrorsAboutTheCentreAndSwapsLeftAndRight() {
        FramePose original = pose();
        FramePose flipped = PoseAugmenter.flip(original);
        for (int i = 0; i < 17; i++) {
            int j = CocoKeypoints.flipped(i);
            assertEquals(original.isLabelled(i), flipped.isLabelled(j));
            if (original.isLabelled(i)) {
                assertEquals(64 - original.x(i), flipped.x(j), EPS);
                assertEquals(original.y(i), flipped.y(j), EPS);
            }
        }
        // The left wrist (9) of the original becomes the right wrist (10), on the mirrored side.
        assertEquals(64 - original.x(9), flipped.x(10), EPS);
        assertEquals(original, PoseAugmenter.flip(flipped));
    }

    @Test
    void rotationTurnsAboutTheCentreAndKeepsDistances() {
        FramePose original = pose();
        FramePose turned = PoseAugmenter.rotate(original, Math.toRadians(90));
        // (10, 5) is (-22, -27) from the centre; a quarter turn with y down gives (27, -22), i.e. (59, 10).
        assertEquals(59, turned.x(0), EPS);
        assertEquals(10, turned.y(0), EPS);
        for (int i = 0; i < 17; i++) {
            if (original.isLabelled(i)) {
                assertEquals(Math.hypot(original.x(i) - 32, original.y(i) - 32),
                        Math.hypot(turned.x(i) - 32, turned.y(i) - 32), EPS);
            } else {
                assertFalse(turned.isLabelled(i));
                assertEquals(0f, turned.x(i));
            }
        }
    }

    @Test
    void drawsStayWithinTenDegreesFlipAboutHalfTheTimeAndRepeatFromASeed() {
        PoseAugmenter augmenter = PoseAugmenter.paper();
        FramePose original = pose();
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        int flips = 0;
        int n = 2000;
        double biggest = 0;
        for (int t = 0; t < n; t++) {
            FramePose augmented = augmenter.augment(original, a);
            assertEquals(augmented, augmenter.augment(original, b), "same seed, same augmentation");
            // Keypoint 0 (nose) keeps its index under a flip; its mirrored position tells whether one happened.
            double angle = angleOfNose(original, augmented);
            double mirroredAngle = angleOfNose(PoseAugmenter.flip(original), augmented);
            boolean flipped = Math.abs(mirroredAngle) < Math.abs(angle);
            flips += flipped ? 1 : 0;
            biggest = Math.max(biggest, Math.abs(flipped ? mirroredAngle : angle));
            assertEquals(original.labelledCount(), augmented.labelledCount());
        }
        assertTrue(biggest <= 10 + 1e-3 && biggest > 9, "largest rotation " + biggest);
        assertEquals(0.5, flips / (double) n, 0.05);
    }

    private static double angleOfNose(FramePose from, FramePose to) {
        double a = Math.atan2(from.y(0) - 32, from.x(0) - 32);
        double b = Math.atan2(to.y(0) - 32, to.x(0) - 32);
        return Math.toDegrees(Math.IEEEremainder(b - a, 2 * Math.PI));
    }
}
