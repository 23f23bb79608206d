package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.FramePose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoSampleTestTest {

    @Test
    void disjointClustersAreFullySeparable() {
        PoseSet left = jittered(100, 0, 1);
        PoseSet right = jittered(100, 40, 2);
        assertEquals(1.0, TwoSampleTest.accuracy(left, right));
    }

    @Test
    void twoSamplesOfOneDistributionGiveAboutHalf() {
        double accuracy = TwoSampleTest.accuracy(jittered(300, 0, 3), jittered(300, 0, 4));
        assertTrue(accuracy > 0.4 && accuracy < 0.6, "accuracy " + accuracy);
    }

    @Test
    void exactCopiesGiveZeroBecauseEachPoseFindsItsTwin() {
        PoseSet poses = jittered(50, 0, 5);
        assertEquals(0.0, TwoSampleTest.accuracy(poses, poses));
    }

    @Test
    void aResampleHoldingEveryUnitOnceIsThePlainTest() {
        TwoSampleTest test = TwoSampleTest.of(jittered(80, 0, 6), jittered(80, 2, 7));
        int[] once = new int[80];
        java.util.Arrays.fill(once, 1);
        assertEquals(test.accuracy(), test.accuracy(once));
    }

    @Test
    void aPosesOwnCopiesAreNotItsNeighbours() {
        // A naive test on a resample would find each duplicated pose's copy at distance 0 in its own set and
        // call it correctly classified; excluding copies keeps two samples of one distribution near 0.5.
        TwoSampleTest test = TwoSampleTest.of(jittered(300, 0, 8), jittered(300, 0, 9));
        SplittableRandom random = new SplittableRandom(10);
        int[] weights = new int[300];
        for (int i = 0; i < 300; i++) {
            weights[random.nextInt(300)]++;
        }
        double resampled = test.accuracy(weights);
        assertTrue(resampled > 0.4 && resampled < 0.6, "accuracy " + resampled);
        assertEquals(0.0, TwoSampleTest.of(jittered(50, 0, 5), jittered(50, 0, 5)).accuracy(weights),
                "exact copies still find their twin in the other set");
    }

    @Test
    void resamplingNeedsPairedSets() {
        TwoSampleTest test = TwoSampleTest.of(jittered(3, 0, 1), jittered(4, 0, 2));
        assertThrows(IllegalStateException.class, () -> test.accuracy(new int[] {1, 1, 1}));
    }

    @Test
    void needsTwoPoses() {
        assertThrows(IllegalArgumentException.class, () -> TwoSampleTest.accuracy(TestPoses.set(figure(0, 0)),
                TestPoses.set()));
    }

    /** {@code n} figures shifted by {@code offset} plus uniform noise of +-3 px per keypoint. */
    private static PoseSet jittered(int n, float offset, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<FramePose> poses = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            FramePose base = figure(offset, 0);
            float[] x = base.x();
            float[] y = base.y();
            for (int k = 0; k < 17; k++) {
                x[k] += (float) random.nextDouble(-3, 3);
                y[k] += (float) random.nextDouble(-3, 3);
            }
            poses.add(new FramePose(x, y, base.labelled()));
        }
        return PoseSet.ofFramePoses(poses);
    }
}
