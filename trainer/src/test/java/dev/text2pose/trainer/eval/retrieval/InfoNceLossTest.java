package dev.text2pose.trainer.eval.retrieval;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoNceLossTest {

    private static final int BATCH = 5;
    private static final int DIMENSION = 4;

    @Test
    void matchesTheCrossEntropyOfBothDirectionsComputedByHand() {
        SplittableRandom random = new SplittableRandom(3);
        float[] pose = unitRows(random);
        float[] text = unitRows(random);
        double temperature = 0.5;
        double expected = 0;
        for (int i = 0; i < BATCH; i++) {
            expected -= 0.5 * (logSoftmax(pose, text, i, i, temperature, true)
                    + logSoftmax(pose, text, i, i, temperature, false)) / BATCH;
        }
        // float32 logits of size <= 2 and a 5-way softmax: rounding stays near 1e-6; a swapped axis or a missing
        // half of the symmetric loss moves it by more than 1e-2 on random vectors.
        assertEquals(expected, loss(pose, text, temperature), 1e-5);
    }

    @Test
    void matchingPairsAtLowTemperatureCostNearlyNothingAndEqualScoresCostLogBatch() {
        float[] identity = new float[BATCH * BATCH];
        for (int i = 0; i < BATCH; i++) {
            identity[i * BATCH + i] = 1f;
        }
        double aligned;
        double uniform;
        try (PointerScope scope = new PointerScope()) {
            aligned = InfoNceLoss.loss(Tensor.create(identity, BATCH, BATCH), Tensor.create(identity, BATCH, BATCH),
                    0.05).item_double();
            float[] constant = new float[BATCH * BATCH];
            Arrays.fill(constant, (float) (1 / Math.sqrt(BATCH)));
            uniform = InfoNceLoss.loss(Tensor.create(constant, BATCH, BATCH), Tensor.create(constant, BATCH, BATCH),
                    0.5).item_double();
        }
        // logits 20 on the diagonal, 0 elsewhere: loss = log(1 + 4 e^-20), about 8e-9
        assertTrue(aligned < 1e-6, "aligned loss " + aligned);
        assertEquals(Math.log(BATCH), uniform, 1e-5, "all scores equal: cross-entropy of a uniform guess");
    }

    private static double loss(float[] pose, float[] text, double temperature) {
        try (PointerScope scope = new PointerScope()) {
            return InfoNceLoss.loss(Tensor.create(pose, BATCH, DIMENSION), Tensor.create(text, BATCH, DIMENSION),
                    temperature).item_double();
        }
    }

    /** log softmax of entry (i, j) of pose . text^T / t, along a row ({@code byRow}) or a column. */
    private static double logSoftmax(float[] pose, float[] text, int i, int j, double t, boolean byRow) {
        double sum = 0;
        for (int k = 0; k < BATCH; k++) {
            sum += Math.exp(byRow ? dot(pose, i, text, k) / t : dot(pose, k, text, j) / t);
        }
        return dot(pose, i, text, j) / t - Math.log(sum);
    }

    private static double dot(float[] a, int i, float[] b, int j) {
        double sum = 0;
        for (int d = 0; d < DIMENSION; d++) {
            sum += a[i * DIMENSION + d] * b[j * DIMENSION + d];
        }
        return sum;
    }

    private static float[] unitRows(SplittableRandom random) {
        float[] values = new float[BATCH * DIMENSION];
        for (int b = 0; b < BATCH; b++) {
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                values[b * DIMENSION + d] = (float) random.nextDouble(-1, 1);
                norm += values[b * DIMENSION + d] * values[b * DIMENSION + d];
            }
            for (int d = 0; d < DIMENSION; d++) {
                values[b * DIMENSION + d] /= (float) Math.sqrt(norm);
            }
        }
        return values;
    }
}
