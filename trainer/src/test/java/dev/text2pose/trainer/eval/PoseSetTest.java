package dev.text2pose.trainer.eval;

import dev.text2pose.pose.Pose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static dev.text2pose.trainer.eval.TestPoses.set;
import static dev.text2pose.trainer.eval.TestPoses.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseSetTest {

    @Test
    void generatedKeypointsArePresentOnlyAboveTheThreshold() {
        float[][][] keypoints = new float[1][17][];
        for (int k = 0; k < 17; k++) {
            keypoints[0][k] = new float[] {0.25f, 0.75f, k == 0 ? 0.2f : 0.21f};
        }
        PoseSet poses = PoseSet.ofKeypoints(keypoints, 0.2f);
        assertFalse(poses.present(0, 0), "confidence equal to the threshold is absent");
        assertEquals(32f, poses.x(0, 0));
        assertEquals(32f, poses.y(0, 0));
        assertTrue(poses.present(0, 1));
        assertEquals(16f, poses.x(0, 1), "x is in [0, 1] of the 64 frame");
        assertEquals(48f, poses.y(0, 1));
        assertEquals(16.0 / 17, poses.presentFraction(), 1e-9);
    }

    @Test
    void unlabelledRealKeypointsAreAbsentAtTheCentre() {
        PoseSet poses = set(uniform(10, 20, 3));
        assertTrue(poses.present(0, 2));
        assertEquals(10f, poses.x(0, 2));
        assertFalse(poses.present(0, 3));
        assertEquals(32f, poses.x(0, 3));
        Pose pose = poses.toPose(0);
        assertEquals(10f / 64, pose.keypoint(0).x());
        assertFalse(pose.keypoint(3).present());
    }

    @Test
    void printsWhatItHoldsSoAFailedComparisonSaysWhatDiffers() {
        PoseSet poses = set(uniform(10, 20, 3), figure(1, 0));
        String text = poses.toString();
        assertTrue(text.startsWith("PoseSet[2 poses, "), text);
        assertTrue(text.contains("pose 0: nose=(10.000, 20.000), "), text);
        assertTrue(text.contains("left_ear=-"), "an absent keypoint: " + text);
    }

    @Test
    void selectAndConcatKeepPosesIntact() {
        PoseSet a = set(figure(0, 0), figure(1, 0));
        PoseSet b = set(figure(2, 0));
        PoseSet all = PoseSet.concat(List.of(a, b));
        assertEquals(3, all.size());
        assertEquals(set(figure(2, 0), figure(0, 0), figure(2, 0)), all.select(new int[] {2, 0, 2}));
    }

    @Test
    void presenceIsCountedPerKeypointAndPerPose() {
        PoseSet poses = set(uniform(10, 20, 3), uniform(10, 20, 1));
        double[] byKeypoint = poses.presentFractionByKeypoint();
        assertEquals(1.0, byKeypoint[0]);
        assertEquals(0.5, byKeypoint[1]);
        assertEquals(0.5, byKeypoint[2]);
        assertEquals(0.0, byKeypoint[16]);
        assertEquals(3, poses.presentCount(0));
        assertEquals(1, poses.presentCount(1));
    }
}
