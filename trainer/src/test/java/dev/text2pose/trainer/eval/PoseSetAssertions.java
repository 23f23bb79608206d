package dev.text2pose.trainer.eval;

import dev.text2pose.pose.CocoKeypoints;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares pose sets that libtorch generated within float rounding, and says which pose and keypoint differ.
 *
 * <p>libtorch picks its kernels by batch shape, thread count and instruction set, so a draw generated inside another
 * batch may round differently in its last bits: bit-identity holds on one CPU and fails on the next. What a real bug
 * does (a row reading another query's caption or noise, rows shifted between chunks, a missing caption scale) moves
 * keypoints by whole pixels and turns many on or off, far beyond {@link #TOLERANCE} and {@link #FLIPS_PER_THOUSAND}.
 */
final class PoseSetAssertions {

    /**
     * Frame pixels (of 64) a present keypoint may move by rounding. A smoke run's regression outputs reach about
     * 150 px, where float32 resolves 1e-5 px and a forward pass summed in another order errs by some 1e-3 px at
     * most; the same fixtures with other noise or another caption move a keypoint by 40 px and more.
     */
    static final float TOLERANCE = 0.02f;

    /**
     * Keypoints per thousand whose presence may differ. Rounding flips a keypoint only when its confidence lies
     * within rounding of the presence threshold, about one chance in a million per keypoint; a real bug flips many.
     */
    static final int FLIPS_PER_THOUSAND = 1;

    private PoseSetAssertions() {
    }

    /** Asserts the same poses within rounding; the message names the first keypoint that differs. */
    static void assertClose(PoseSet expected, PoseSet actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": poses");
        Difference d = Difference.between(expected, actual);
        assertTrue(d.maxMove() <= TOLERANCE, () -> what + ": " + d.maxMove() + " px apart at " + d.whereMoved()
                + " (tolerance " + TOLERANCE + " px)\n  expected " + expected.describe(d.poseMoved())
                + "\n  actual   " + actual.describe(d.poseMoved()));
        assertTrue(d.flips() <= allowedFlips(expected), () -> what + ": presence differs at " + d.flips()
                + " keypoints, first " + d.whereFlipped() + " (rounding explains at most " + allowedFlips(expected)
                + ")\n  expected " + expected.describe(d.poseFlipped())
                + "\n  actual   " + actual.describe(d.poseFlipped()));
    }

    /** Asserts that the sets differ by more than rounding could explain. */
    static void assertDiffer(PoseSet a, PoseSet b, String what) {
        Difference d = Difference.between(a, b);
        assertTrue(d.maxMove() > TOLERANCE || d.flips() > allowedFlips(a),
                () -> what + ": the sets agree within rounding: " + a);
    }

    private static int allowedFlips(PoseSet set) {
        return set.size() * CocoKeypoints.COUNT * FLIPS_PER_THOUSAND / 1000;
    }

    /** The largest move of a keypoint present in both sets, and the keypoints present in only one. */
    private record Difference(float maxMove, int poseMoved, int keypointMoved, int flips, int poseFlipped,
                              int keypointFlipped) {

        static Difference between(PoseSet a, PoseSet b) {
            float maxMove = 0;
            int poseMoved = 0;
            int keypointMoved = 0;
            int flips = 0;
            int poseFlipped = -1;
            int keypointFlipped = -1;
            for (int p = 0; p < Math.min(a.size(), b.size()); p++) {
                for (int k = 0; k < CocoKeypoints.COUNT; k++) {
                    if (a.present(p, k) != b.present(p, k)) {
                        if (flips++ == 0) {
                            poseFlipped = p;
                            keypointFlipped = k;
                        }
                    } else {
                        float move = Math.max(Math.abs(a.x(p, k) - b.x(p, k)), Math.abs(a.y(p, k) - b.y(p, k)));
                        if (move > maxMove) {
                            maxMove = move;
                            poseMoved = p;
                            keypointMoved = k;
                        }
                    }
                }
            }
            return new Difference(maxMove, poseMoved, keypointMoved, flips, poseFlipped, keypointFlipped);
        }

        String whereMoved() {
            return where(poseMoved, keypointMoved);
        }

        String whereFlipped() {
            return where(poseFlipped, keypointFlipped);
        }

        private static String where(int pose, int keypoint) {
            return String.format(Locale.ROOT, "pose %d %s", pose, CocoKeypoints.NAMES.get(keypoint));
        }
    }
}
