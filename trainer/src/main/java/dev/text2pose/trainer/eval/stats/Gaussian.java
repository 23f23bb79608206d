package dev.text2pose.trainer.eval.stats;

/**
 * A multivariate Gaussian fitted to a sample: its mean and its unbiased covariance (divided by {@code n - 1}, as
 * {@code numpy.cov} and the common FID code compute it).
 *
 * @param mean       the sample mean, {@code d} values
 * @param covariance the {@code d x d} sample covariance; all zero for a sample of one point or of equal points
 */
public record Gaussian(double[] mean, double[][] covariance) {

    public Gaussian {
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("covariance rows need " + mean.length + " entries, got "
                        + row.length);
            }
        }
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("covariance needs " + mean.length + " rows, got " + covariance.length);
        }
    }

    /** Fits rows {@code 0..rows-1} of {@code flat}, a row-major {@code [rows][dimension]} array. */
    public static Gaussian fit(float[] flat, int rows, int dimension) {
        return EmbeddingMoments.of(flat, dimension, new int[rows]).gaussian(); // every row in one image
    }

    /** Number of dimensions. */
    public int dimension() {
        return mean.length;
    }

    /** The sum of the variances. */
    public double trace() {
        double trace = 0;
        for (int i = 0; i < mean.length; i++) {
            trace += covariance[i][i];
        }
        return trace;
    }
}
