package dev.text2pose.trainer.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {

    private final TrainingData data = TrainFixtures.conditional(10, 8);
    private final TrainConfig config = ConfigCodec.with(TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP),
            Map.of("augment", "true"));

    @Test
    void aStepsDrawsDependOnlyOnTheSeedAndTheStep() {
        Batches one = new Batches(data, config);
        Batches other = new Batches(data, config);
        other.critic(5);
        assertEquals(one.critic(7).poses(), other.critic(7).poses());
        assertArrayEquals(one.critic(7).noise(), other.critic(7).noise());
        assertArrayEquals(one.generator(3).interpolated(), other.generator(3).interpolated());
        Batches reseeded = new Batches(data, ConfigCodec.with(config, Map.of("seed", "1")));
        assertFalse(Arrays.equals(one.critic(7).noise(), reseeded.critic(7).noise()));
    }

    @Test
    void everySampleOnceAnEpoch() {
        Batches batches = new Batches(data, config);
        for (int epoch = 0; epoch < 3; epoch++) {
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < data.size(); k++) {
                seen.add(batches.sampleAt((long) epoch * data.size() + k));
            }
            assertEquals(data.size(), seen.size());
        }
    }

    @Test
    void textIsScaledAndMismatchedTextComesFromAnotherSample() {
        Batches.Critic batch = new Batches(data, config).critic(0);
        int dim = data.textDim();
        for (int i = 0; i < config.batchSize(); i++) {
            float[] row = Arrays.copyOfRange(batch.text(), i * dim, (i + 1) * dim);
            float[] mismatched = Arrays.copyOfRange(batch.mismatched(), i * dim, (i + 1) * dim);
            assertEquals(config.embeddingScale(), norm(row), 1e-3);
            assertFalse(Arrays.equals(row, mismatched));
        }
    }

    @Test
    void flowCaptionNoiseMovesKeptCaptionsAndLeavesTheNullCaptionAlone() {
        Batches batches = new Batches(data, config);
        int dim = data.textDim();
        Batches.Flow clean = batches.flow(3, 51, 0.5, 0);
        Batches.Flow noisy = batches.flow(3, 51, 0.5, 0.02);
        int kept = 0;
        int nulls = 0;
        for (int i = 0; i < config.batchSize(); i++) {
            float[] before = Arrays.copyOfRange(clean.text(), i * dim, (i + 1) * dim);
            float[] after = Arrays.copyOfRange(noisy.text(), i * dim, (i + 1) * dim);
            if (norm(before) == 0) {
                nulls++;
                assertEquals(0, norm(after), "a dropped caption stays the null caption");
            } else {
                kept++;
                double moved = 0;
                for (int d = 0; d < dim; d++) {
                    moved += (after[d] - before[d]) * (after[d] - before[d]);
                }
                // Noise 0.02 per dimension of the unit vector, times the scale: about 0.02 * sqrt(dim) * scale.
                double expected = 0.02 * Math.sqrt(dim) * config.embeddingScale();
                assertEquals(expected, Math.sqrt(moved), expected * 0.8, "row " + i);
            }
        }
        assertTrue(kept > 0 && nulls > 0, kept + " kept, " + nulls + " dropped: the test needs both");
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
