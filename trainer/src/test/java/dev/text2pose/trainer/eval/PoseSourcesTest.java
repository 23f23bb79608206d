package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static dev.text2pose.trainer.eval.TestPoses.set;
import static dev.text2pose.trainer.eval.TestPoses.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PoseSourcesTest {

    private static final PoseSet TRAINING = set(figure(0, 0), figure(5, 0), figure(10, 0));

    @Test
    void captionRetrievalPicksThePoseOfTheNearestCaptionByCosine() {
        // Caption 0 (pose 2) points along x, caption 1 (pose 0) is long and diagonal, caption 2 (pose 1) points
        // along y. The third query is diagonal: nearest to caption 1 by angle, though by Euclidean distance
        // captions 0 and 2 are nearer, so only a cosine search answers pose 0.
        float[][] captions = {{1, 0}, {10, 10}, {0, 1}};
        CaptionRetrieval retrieval = new CaptionRetrieval(TRAINING, captions, new int[] {2, 0, 1});
        List<EvalQuery> queries = List.of(query(new float[] {5, 1}, 1), query(new float[] {0.2f, 3}, 2),
                query(new float[] {4, 3.9f}, 3));
        assertArrayEquals(new int[] {0, 2, 1}, retrieval.nearestCaptions(queries));
        PoseSet poses = retrieval.generate(queries, 3);
        assertEquals(set(figure(10, 0), figure(10, 0), figure(10, 0), figure(5, 0), figure(5, 0), figure(5, 0),
                figure(0, 0), figure(0, 0), figure(0, 0)), poses, "every draw is the retrieved pose");
    }

    @Test
    void randomTrainingPoseDependsOnlyOnTheQuerysNoiseSeed() {
        RandomTrainingPose random = new RandomTrainingPose(TRAINING);
        EvalQuery a = query(new float[] {1}, 11);
        EvalQuery b = query(new float[] {1}, 12);
        PoseSet alone = random.generate(List.of(a), 10);
        PoseSet together = random.generate(List.of(b, a), 10);
        assertEquals(alone, together.select(new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}));
        assertNotEquals(alone, together.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    @Test
    void groundTruthAnswersEveryDrawWithTheImagesPose() {
        EvalQuery query = new EvalQuery(5, 1, 0, "c", new float[] {1}, 0);
        assertEquals(set(figure(5, 0), figure(5, 0)), new GroundTruthPoses(TRAINING).generate(List.of(query), 2));
    }

    @Test
    void theMeanPoseAveragesPresentKeypointsAndKeepsThoseMostPosesHave() {
        // Keypoints 0-2 are labelled in all three poses, keypoint 3 in two, keypoint 4 in one.
        MeanPose mean = new MeanPose(set(uniform(10, 20, 5), uniform(20, 30, 4), uniform(30, 40, 3)));
        PoseSet pose = mean.pose();
        assertEquals(20f, pose.x(0, 0));
        assertEquals(30f, pose.y(0, 0));
        assertEquals(15f, pose.x(0, 3), "the mean of the two poses that have it");
        assertEquals(4, pose.presentCount(0), "keypoint 4, in one pose of three, is absent");
        assertEquals(32f, pose.x(0, 4), "absent keypoints sit at the centre");
        PoseSet answers = mean.generate(List.of(query(new float[] {1}, 1), query(new float[] {2}, 2)), 3);
        assertEquals(pose.select(new int[6]), answers, "every caption and draw gets the same pose");
    }

    @Test
    void noiseSeedsDependOnRunSeedImageAndCaptionButNotOnOrder() {
        long seed = EvalQuery.noiseSeed(0, 100, 0);
        assertEquals(seed, EvalQuery.noiseSeed(0, 100, 0));
        assertNotEquals(seed, EvalQuery.noiseSeed(1, 100, 0));
        assertNotEquals(seed, EvalQuery.noiseSeed(0, 101, 0));
        assertNotEquals(seed, EvalQuery.noiseSeed(0, 100, 1));
    }

    private static EvalQuery query(float[] embedding, long noiseSeed) {
        return new EvalQuery(1, 0, 0, "caption", embedding, noiseSeed);
    }
}
