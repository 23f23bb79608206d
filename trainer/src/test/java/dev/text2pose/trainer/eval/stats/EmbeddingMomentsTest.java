package dev.text2pose.trainer.eval.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddingMomentsTest {

    @Test
    void theFitHasTheHandComputedMeanAndUnbiasedCovariance() {
        // Points (0, 0), (2, 0), (0, 2), (2, 2): mean (1, 1), variance 4/3 on each axis (sum of squares 4, n-1 3).
        Gaussian g = Gaussian.fit(new float[] {0, 0, 2, 0, 0, 2, 2, 2}, 4, 2);
        assertArrayEquals(new double[] {1, 1}, g.mean(), 1e-12);
        assertArrayEquals(new double[] {4 / 3.0, 0}, g.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {0, 4 / 3.0}, g.covariance()[1], 1e-12);
    }

    @Test
    void aResampleIsTheFitOfTheRowsItDrew() {
        float[] flat = {0, 0, 2, 0, 0, 2, 2, 2};
        EmbeddingMoments moments = EmbeddingMoments.of(flat, 2, new int[] {0, 0, 1, 2});
        Gaussian resampled = moments.gaussian(new int[] {2, 0, 1});
        Gaussian direct = Gaussian.fit(new float[] {0, 0, 2, 0, 0, 0, 2, 0, 2, 2}, 5, 2);
        assertArrayEquals(direct.mean(), resampled.mean(), 1e-12);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(direct.covariance()[i], resampled.covariance()[i], 1e-12);
        }
        assertEquals(3, moments.images());
    }

    @Test
    void needsTwoRows() {
        EmbeddingMoments moments = EmbeddingMoments.of(new float[] {1, 2}, 2, new int[] {0});
        assertThrows(IllegalArgumentException.class, moments::gaussian);
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMoments.of(new float[3], 2, new int[] {0}));
    }
}
