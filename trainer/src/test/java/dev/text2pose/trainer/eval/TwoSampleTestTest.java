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
