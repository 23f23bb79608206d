package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.text2pose.trainer.eval.TestPoses.figure;
import static dev.text2pose.trainer.eval.TestPoses.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaptionSensitivityTest {

    /** Two images; caption embeddings {0} and {1} name them. */
    private static final List<EvalQuery> QUERIES = List.of(
            new EvalQuery(10, 0, 0, "a", new float[] {0}, 100),
            new EvalQuery(10, 0, 1, "a too", new float[] {0}, 101),
            new EvalQuery(20, 1, 0, "b", new float[] {1}, 102));

    @Test
    void aSourceThatFollowsOnlyTheCaptionMovesByTheDistanceBetweenItsAnswers() {
        // Answers figure(0) to caption {0} and figure(10) to caption {1}: every partner is of the other image, so
        // every pair is 10 px apart on all 17 keypoints.
        PoseSource byCaption = (queries, draws) -> set(figure(0, 0), figure(10, 0)).select(queries.stream()
                .flatMapToInt(q -> java.util.stream.IntStream.generate(() -> (int) q.embedding()[0]).limit(draws))
                .toArray());
        CaptionSensitivity sensitivity = new CaptionSensitivity(QUERIES, 1);
        assertEquals(170, sensitivity.measure(byCaption, byCaption.generate(QUERIES, 2), 2), 1e-4);
    }

    @Test
    void aSourceThatFollowsOnlyTheNoiseDoesNotMove() {
        PoseSource byNoise = (queries, draws) -> set(figure(0, 0), figure(10, 0), figure(20, 0)).select(queries
                .stream().mapToInt(q -> (int) (q.noiseSeed() - 100)).toArray());
        CaptionSensitivity sensitivity = new CaptionSensitivity(QUERIES, 2);
        assertEquals(0, sensitivity.measure(byNoise, byNoise.generate(QUERIES, 1), 1));
    }

    @Test
    void needsCaptionsOfTwoImages() {
        assertThrows(IllegalArgumentException.class, () -> new CaptionSensitivity(QUERIES.subList(0, 2), 1));
    }
}
