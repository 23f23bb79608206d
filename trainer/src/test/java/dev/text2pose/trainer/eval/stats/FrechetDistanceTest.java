package dev.text2pose.trainer.eval.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrechetDistanceTest {

    @Test
    void diagonalCovariancesHaveTheClosedForm() {
        // Diagonal: sum over axes of (m1 - m2)^2 + (s1 - s2)^2, with s the standard deviations.
        Gaussian a = new Gaussian(new double[] {0, 1, 2}, diagonal(1, 4, 9));
        Gaussian b = new Gaussian(new double[] {1, 1, 0}, diagonal(4, 4, 1));
        double expected = (1 + 0 + 4) + (1 + 0 + 4);
        assertEquals(expected, FrechetDistance.between(a, b), 1e-9);
        assertEquals(expected, FrechetDistance.between(b, a), 1e-9, "symmetric");
    }

    @Test
    void aGaussianIsAtZeroFromItself() {
        double[][] c = SymmetricEigenTest.randomSymmetric(64, 3);
        double[][] covariance = new double[64][64];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                for (int k = 0; k < 64; k++) {
                    covariance[i][j] += c[i][k] * c[j][k];
                }
            }
        }
        Gaussian g = new Gaussian(new double[64], covariance);
        // The terms are O(100) each; the cancellation leaves rounding far below a real difference of O(1).
        assertEquals(0, FrechetDistance.between(g, g), 1e-6);
    }

    @Test
    void identicalSamplesGiveZeroAndTwoSamplesOfOneGaussianGiveLittle() {
        float[] first = sample(4000, 8, 0, 1, 4);
        assertEquals(0, FrechetDistance.between(Gaussian.fit(first, 4000, 8), Gaussian.fit(first, 4000, 8)), 1e-9);
        float[] second = sample(4000, 8, 0, 1, 5);
        float[] shifted = sample(4000, 8, 1, 1, 6);
        double same = FrechetDistance.between(Gaussian.fit(first, 4000, 8), Gaussian.fit(second, 4000, 8));
        double apart = FrechetDistance.between(Gaussian.fit(first, 4000, 8), Gaussian.fit(shifted, 4000, 8));
        assertTrue(same < 0.05, "sampling noise only: " + same);
        assertEquals(8, apart, 0.5, "a shift of 1 on each of 8 axes");
    }

    @Test
    void aConstantSetIsAtItsMeanOffsetPlusTheOtherTrace() {
        Gaussian constant = new Gaussian(new double[] {3, 0}, new double[2][2]);
        Gaussian spread = new Gaussian(new double[] {0, 0}, diagonal(2, 5));
        assertEquals(9 + 7, FrechetDistance.between(constant, spread), 1e-12);
    }

    @Test
    void aPreparedReferenceMeasuresAsTheDirectDistance() {
        Gaussian a = Gaussian.fit(sample(500, 6, 0, 1, 7), 500, 6);
        Gaussian b = Gaussian.fit(sample(500, 6, 0.3, 2, 8), 500, 6);
        FrechetDistance.Reference reference = FrechetDistance.Reference.of(a);
        assertEquals(FrechetDistance.between(a, b), reference.distanceTo(b));
        assertEquals(FrechetDistance.between(b, a), reference.distanceTo(b), 1e-9, "symmetric");
    }

    @Test
    void rejectsMismatchedDimensions() {
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(
                new Gaussian(new double[1], new double[1][1]), new Gaussian(new double[2], new double[2][2])));
    }

    private static double[][] diagonal(double... variances) {
        double[][] c = new double[variances.length][variances.length];
        for (int i = 0; i < variances.length; i++) {
            c[i][i] = variances[i];
        }
        return c;
    }

    /** {@code rows} points of independent N(mean, sd^2) coordinates. */
    static float[] sample(int rows, int dimension, double mean, double sd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] flat = new float[rows * dimension];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) (mean + sd * gaussian(random));
        }
        return flat;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
