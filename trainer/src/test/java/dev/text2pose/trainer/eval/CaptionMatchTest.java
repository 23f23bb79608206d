package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static dev.text2pose.trainer.eval.TestPoses.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaptionMatchTest {

    /** Three images whose poses are shifted 0, 10 and 30 px: pairwise distances 170, 510 and 340 (17 keypoints). */
    private static final PoseSet REAL = set(figure(0, 0), figure(10, 0), figure(30, 0));

    @Test
    void aConstantPoseScoresZeroWhateverThePoseAndTheCaptionsPerImage() {
        // Images with 1, 2 and 3 captions: weighing images equally, not poses, is what makes this exactly 0.
        int[] imageOfPose = {0, 1, 1, 2, 2, 2};
        for (float shift : new float[] {0, 7, 45}) {
            PoseSet constant = set(figure(shift, 3)).select(new int[6]);
            assertEquals(0, CaptionMatch.perImage(constant, imageOfPose, REAL).mean(), 1e-4, "shift " + shift);
        }
    }

    @Test
    void theRealPosesScoreTheMeanDistanceToTheOtherImages() {
        double[] perImage = CaptionMatch.perImage(REAL, new int[] {0, 1, 2}, REAL).sum();
        // Image 0: others at 170 and 510, own at 0 -> 340; image 1: 170 and 340 -> 255; image 2: 510, 340 -> 425.
        assertArrayEquals(new double[] {340, 255, 425}, perImage, 1e-3);
    }

    @Test
    void posesOfTheWrongImageScoreBelowZero() {
        // Every caption answered with the next image's pose.
        PoseSet swapped = REAL.select(new int[] {1, 2, 0});
        assertEquals(-1, Math.signum(CaptionMatch.perImage(swapped, new int[] {0, 1, 2}, REAL).mean()));
    }

    @Test
    void needsTwoImages() {
        assertThrows(IllegalArgumentException.class,
                () -> CaptionMatch.perImage(set(figure(0, 0)), new int[] {0}, set(figure(0, 0))));
    }
}
