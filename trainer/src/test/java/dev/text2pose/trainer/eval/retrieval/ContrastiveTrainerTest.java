package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.eval.PoseSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ContrastiveTrainerTest {

    private static final RetrievalSettings SETTINGS = new RetrievalSettings(40, 12, 32, 8, 3e-3f, 1e-2f, 0.2f);

    @Test
    void learnsToMatchEachPoseClassWithItsCaptions() {
        SyntheticPairs data = new SyntheticPairs(12, 1);
        TextPoseRetrievalModel model = new ContrastiveTrainer(SETTINGS).train(data.poses(), data.captionArray(),
                data.captionPoseArray(), 5);
        SplittableRandom random = new SplittableRandom(99);
        float[][] classCaptions = new float[SyntheticPairs.CLASSES][];
        for (int k = 0; k < SyntheticPairs.CLASSES; k++) {
            classCaptions[k] = SyntheticPairs.caption(k, random);
        }
        float[] texts = model.embedCaptions(classCaptions);
        for (int k = 0; k < SyntheticPairs.CLASSES; k++) {
            float[] pose = model.embedPoses(PoseSet.ofFramePoses(List.of(SyntheticPairs.pose(k, random))));
            assertEquals(k, best(pose, texts, model.dimension()), "a new pose of class " + k);
        }
    }

    @Test
    void oneSeedGivesOneModel() {
        SyntheticPairs data = new SyntheticPairs(4, 2);
        RetrievalSettings quick = SETTINGS.withEpochs(3);
        PoseSet probe = PoseSet.ofFramePoses(data.poses());
        float[] first = new ContrastiveTrainer(quick).train(data.poses(), data.captionArray(),
                data.captionPoseArray(), 7).embedPoses(probe);
        float[] second = new ContrastiveTrainer(quick).train(data.poses(), data.captionArray(),
                data.captionPoseArray(), 7).embedPoses(probe);
        // One thread and one seed: the runs should agree to the last bit; 1e-6 on unit vectors still catches any
        // unseeded draw, which would change embeddings by far more.
        assertArrayEquals(first, second, 1e-6f);
    }

    private static int best(float[] pose, float[] texts, int dimension) {
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < texts.length / dimension; k++) {
            float score = 0;
            for (int d = 0; d < dimension; d++) {
                score += pose[d] * texts[k * dimension + d];
            }
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }
}
