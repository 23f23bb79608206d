package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.eval.PoseSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossFittedJudgeTest {

    @TempDir
    Path dir;

    @Test
    void aPoseIsScoredByTheJudgeThatDidNotSeeItsNearestTrainingPose() throws IOException {
        SyntheticPairs data = new SyntheticPairs(4, 3);
        CrossFittedJudge judge = CrossFittedJudge.loadOrTrain(new RetrievalModelCache(dir), data.images,
                data.captionArray(), data.captionPoseArray(), "encoder", new RetrievalSettings(2, 4, 8, 4, 1e-3f,
                        0f, 0.2f), 1);
        assertEquals(0, CrossFittedJudge.foldOf(4));
        assertEquals(1, CrossFittedJudge.foldOf(5));
        assertEquals(1, judge.judgeFor(4), "training image 4 is in fold 0, which judge 0 saw");
        assertEquals(0, judge.judgeFor(5));
        assertEquals(2, judge.files().size());
        assertNotEquals(judge.files().get(0), judge.files().get(1), "the folds hold different images");
        assertTrue(judge.files().stream().allMatch(Files::isRegularFile));
        PoseSet probe = PoseSet.ofFramePoses(data.poses());
        assertFalse(java.util.Arrays.equals(judge.judge(0).embedPoses(probe), judge.judge(1).embedPoses(probe)));
    }
}
