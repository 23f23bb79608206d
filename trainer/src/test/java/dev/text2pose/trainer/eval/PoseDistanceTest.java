package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static dev.text2pose.trainer.eval.TestPoses.set;
import static dev.text2pose.trainer.eval.TestPoses.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PoseDistanceTest {

    @Test
    void identicalPosesAreAtZero() {
        PoseSet poses = set(figure(0, 0), figure(0, 0));
        assertEquals(0f, PoseDistance.between(poses, 0, poses, 1));
    }

    @Test
    void aShiftedPoseIsAtTheShiftTimesSeventeen() {
        PoseSet poses = set(figure(0, 0), figure(3, 4));
        assertEquals(17 * 5f, PoseDistance.between(poses, 0, poses, 1), 1e-4);
        assertEquals(17 * 5f, PoseDistance.between(poses, 1, poses, 0), 1e-4);
    }

    @Test
    void absentKeypointsSitAtTheCentreForBothPoses() {
        // Keypoint 0 labelled at (35, 36) in one pose, unlabelled (so at (32, 32)) in the other: 5 px apart.
        // Keypoints 1..16 unlabelled in both: both at the centre, 0 px apart, whatever coordinates they carried.
        PoseSet poses = set(uniform(35, 36, 1), uniform(7, 9, 0));
        assertEquals(5f, PoseDistance.between(poses, 0, poses, 1), 1e-5);
        // A labelled keypoint exactly at the centre is indistinguishable from an absent one.
        PoseSet centre = set(uniform(32, 32, 17), uniform(0, 0, 0));
        assertEquals(0f, PoseDistance.between(centre, 0, centre, 1));
    }

    @Test
    void nearestFindsTheClosestAndHonoursTheExclusion() {
        PoseSet references = set(figure(10, 0), figure(1, 0), figure(-2, 0), figure(1, 0));
        PoseSet queries = set(figure(0, 0), figure(9, 0));
        PoseDistance.Neighbours nearest = PoseDistance.nearest(queries, references);
        assertArrayEquals(new int[] {1, 0}, nearest.index(), "ties go to the lower index");
        assertArrayEquals(new float[] {17f, 17f}, nearest.distance(), 1e-4f);
        assertEquals(17.0, nearest.meanDistance(), 1e-4);
        PoseDistance.Neighbours skipping = PoseDistance.nearest(queries, references, q -> q == 0 ? 1 : 0);
        assertArrayEquals(new int[] {3, 1}, skipping.index());
    }

    @Test
    void nearestOfAnEmptyReferenceSetIsNone() {
        PoseDistance.Neighbours nearest = PoseDistance.nearest(set(figure(0, 0)), set());
        assertEquals(PoseDistance.NONE, nearest.index()[0]);
    }
}
