package dev.text2pose.trainer.eval.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymmetricEigenTest {

    /** Rounding over a few hundred operations of O(1) values; a wrong rotation is off by O(1). */
    private static final double TOLERANCE = 1e-9;

    @Test
    void aTwoByTwoHasItsHandComputedEigenvalues() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3, eigenvectors (1, -1) and (1, 1) over sqrt(2).
        double[] values = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).values();
        Arrays.sort(values);
        assertArrayEquals(new double[] {1, 3}, values, TOLERANCE);
    }

    @Test
    void aRandomSymmetricMatrixIsRebuiltFromItsDecomposition() {
        double[][] a = randomSymmetric(64, 1);
        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] values = eigen.values();
        double[][] v = eigen.vectors();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 64; j++) {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < 64; k++) {
                    rebuilt += v[i][k] * values[k] * v[j][k];
                    gram += v[k][i] * v[k][j];
                }
                assertEquals(a[i][j], rebuilt, TOLERANCE, "A = V diag V^T at " + i + "," + j);
                assertEquals(i == j ? 1 : 0, gram, TOLERANCE, "V^T V = I at " + i + "," + j);
            }
        }
    }

    @Test
    void theSquareRootSquaresBackAndClampsRoundingNegatives() {
        double[][] a = randomSymmetric(20, 2);
        double[][] psd = new double[20][20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                for (int k = 0; k < 20; k++) {
                    psd[i][j] += a[i][k] * a[j][k];
                }
            }
        }
        double[][] root = SymmetricEigen.of(psd).sqrtMatrix();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                double square = 0;
                for (int k = 0; k < 20; k++) {
                    square += root[i][k] * root[k][j];
                }
                assertEquals(psd[i][j], square, 1e-8, "S S = A at " + i + "," + j);
            }
        }
        double[][] rootOfNegative = SymmetricEigen.of(new double[][] {{-1e-17, 0}, {0, 4}}).sqrtMatrix();
        assertArrayEquals(new double[] {0, 0}, rootOfNegative[0]);
        assertArrayEquals(new double[] {0, 2}, rootOfNegative[1], TOLERANCE);
    }

    @Test
    void aDiagonalMatrixIsItsOwnDecomposition() {
        double[] values = SymmetricEigen.of(new double[][] {{3, 0, 0}, {0, 0, 0}, {0, 0, 5}}).values();
        assertArrayEquals(new double[] {3, 0, 5}, values);
    }

    @Test
    void rejectsANonSquareMatrix() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}));
    }

    static double[][] randomSymmetric(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = random.nextDouble(-1, 1);
                a[j][i] = a[i][j];
            }
        }
        return a;
    }
}
