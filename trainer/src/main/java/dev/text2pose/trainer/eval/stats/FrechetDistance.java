package dev.text2pose.trainer.eval.stats;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, the quantity behind FID:
 * {@code |m1 - m2|^2 + tr(C1) + tr(C2) - 2 tr((C1 C2)^(1/2))}.
 *
 * <p>The trace of the square root is taken as {@code tr((S C2 S)^(1/2))} with {@code S = C1^(1/2)}: {@code S C2 S}
 * is symmetric positive semi-definite and similar to {@code C1 C2}, so its eigenvalues are those of {@code C1 C2}
 * and a symmetric eigendecomposition suffices, with no complex parts to discard (as {@code scipy.linalg.sqrtm}
 * leaves for singular covariances). A constant set, whose covariance is zero, is handled exactly.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /**
     * The squared Fréchet distance between {@code a} and {@code b}; rounding below zero, possible only for nearly
     * equal Gaussians, is returned as 0.
     */
    public static double between(Gaussian a, Gaussian b) {
        return Reference.of(a).distanceTo(b);
    }

    /**
     * A Gaussian prepared for many distances: its covariance's square root is computed once, so each distance to
     * it costs two matrix products and one eigenvalue decomposition. The bootstrap measures every row against the
     * same resampled real poses, which is what this saves for.
     */
    public static final class Reference {

        private final Gaussian gaussian;
        private final double[][] root;
        private final double trace;

        private Reference(Gaussian gaussian) {
            this.gaussian = gaussian;
            this.root = SymmetricEigen.of(gaussian.covariance()).sqrtMatrix();
            this.trace = gaussian.trace();
        }

        /** Prepares {@code gaussian}. */
        public static Reference of(Gaussian gaussian) {
            return new Reference(gaussian);
        }

        /** The squared Fréchet distance from this Gaussian to {@code other}; rounding below zero gives 0. */
        public double distanceTo(Gaussian other) {
            int d = gaussian.dimension();
            if (other.dimension() != d) {
                throw new IllegalArgumentException("dimensions differ: " + d + " vs " + other.dimension());
            }
            double meanTerm = 0;
            for (int i = 0; i < d; i++) {
                double diff = gaussian.mean()[i] - other.mean()[i];
                meanTerm += diff * diff;
            }
            double traceOfRoot = 0;
            for (double value : SymmetricEigen.valuesOf(multiply(multiply(root, other.covariance()), root))) {
                traceOfRoot += Math.sqrt(Math.max(0, value));
            }
            return Math.max(0, meanTerm + trace + other.trace() - 2 * traceOfRoot);
        }
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                double[] yk = y[k];
                double[] zi = z[i];
                for (int j = 0; j < n; j++) {
                    zi[j] += xik * yk[j];
                }
            }
        }
        return z;
    }
}
