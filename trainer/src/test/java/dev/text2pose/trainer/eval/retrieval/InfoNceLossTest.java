package dev.text2pose.trainer.eval.retrieval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoNceLossTest {

    private static final int BATCH = 5;
    private static final int DIMENSION = 4;
    private static final float TEMPERATURE = 0.5f;

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(3);
        float[] pose = randomArray(random);
        float[] text = randomArray(random);
        float[] poseGradient = new float[pose.length];
        float[] textGradient = new float[text.length];
        InfoNceLoss.lossAndGradients(pose, text, BATCH, DIMENSION, TEMPERATURE, poseGradient, textGradient);
        for (int i = 0; i < pose.length; i++) {
            assertEquals(numeric(pose, text, pose, i), poseGradient[i], 2e-3, "pose gradient " + i);
            assertEquals(numeric(pose, text, text, i), textGradient[i], 2e-3, "text gradient " + i);
        }
    }

    @Test
    void matchingPairsAtLowTemperatureCostNearlyNothingAndRandomOnesAboutLogBatch() {
        float[] identity = new float[BATCH * BATCH];
        for (int i = 0; i < BATCH; i++) {
            identity[i * BATCH + i] = 3f;
        }
        float[] sink = new float[identity.length];
        float aligned = InfoNceLoss.lossAndGradients(identity, identity, BATCH, BATCH, 0.05f, sink, sink.clone());
        assertTrue(aligned < 1e-6, "aligned loss " + aligned);
        float[] constant = new float[BATCH * BATCH];
        java.util.Arrays.fill(constant, 1f);
        float uniform = InfoNceLoss.lossAndGradients(constant, constant, BATCH, BATCH, 0.5f, sink, sink.clone());
        assertEquals(Math.log(BATCH), uniform, 1e-5, "all scores equal: cross-entropy of a uniform guess");
    }

    private static double numeric(float[] pose, float[] text, float[] perturbed, int i) {
        float eps = 1e-3f;
        float original = perturbed[i];
        perturbed[i] = original + eps;
        double plus = loss(pose, text);
        perturbed[i] = original - eps;
        double minus = loss(pose, text);
        perturbed[i] = original;
        return (plus - minus) / (2 * eps);
    }

    private static double loss(float[] pose, float[] text) {
        return InfoNceLoss.lossAndGradients(pose, text, BATCH, DIMENSION, TEMPERATURE, new float[pose.length],
                new float[text.length]);
    }

    private static float[] randomArray(SplittableRandom random) {
        float[] values = new float[BATCH * DIMENSION];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
