package dev.text2pose.trainer.eval.stats;

import java.util.Arrays;

/**
 * Per-image first and second moments of embedding vectors: what a Gaussian fit needs, summed image by image so a
 * bootstrap resample of images is a weighted sum of these rather than a new pass over every embedding.
 *
 * <p>Second moments are kept as the upper triangle only, {@code d(d+1)/2} doubles per image.
 */
public final class EmbeddingMoments {

    private final int dimension;
    private final long[] count;
    private final double[][] sum;
    private final double[][] outer;

    private EmbeddingMoments(int dimension, long[] count, double[][] sum, double[][] outer) {
        this.dimension = dimension;
        this.count = count;
        this.sum = sum;
        this.outer = outer;
    }

    /**
     * The moments of {@code flat}, a row-major {@code [rows][dimension]} array, row {@code r} belonging to image
     * {@code imageOfRow[r]}.
     *
     * @param imageOfRow per row, its image in {@code 0..images-1}; the images are {@code 0..max}
     */
    public static EmbeddingMoments of(float[] flat, int dimension, int[] imageOfRow) {
        if (flat.length != imageOfRow.length * dimension) {
            throw new IllegalArgumentException(flat.length + " floats are not " + imageOfRow.length + " rows of "
                    + dimension);
        }
        int images = 0;
        for (int image : imageOfRow) {
            images = Math.max(images, image + 1);
        }
        long[] count = new long[images];
        double[][] sum = new double[images][dimension];
        double[][] outer = new double[images][dimension * (dimension + 1) / 2];
        for (int r = 0; r < imageOfRow.length; r++) {
            int image = imageOfRow[r];
            count[image]++;
            int at = r * dimension;
            double[] s = sum[image];
            double[] o = outer[image];
            for (int i = 0, t = 0; i < dimension; i++) {
                double xi = flat[at + i];
                s[i] += xi;
                for (int j = i; j < dimension; j++, t++) {
                    o[t] += xi * flat[at + j];
                }
            }
        }
        return new EmbeddingMoments(dimension, count, sum, outer);
    }

    /** Number of images. */
    public int images() {
        return count.length;
    }

    /** The Gaussian of every row. */
    public Gaussian gaussian() {
        int[] once = new int[count.length];
        Arrays.fill(once, 1);
        return gaussian(once);
    }

    /**
     * The Gaussian of the rows of a resample that holds image {@code i} {@code weights[i]} times.
     *
     * @throws IllegalArgumentException when the resample holds fewer than two rows
     */
    public Gaussian gaussian(int[] weights) {
        double n = 0;
        double[] mean = new double[dimension];
        double[] second = new double[dimension * (dimension + 1) / 2];
        for (int image = 0; image < count.length; image++) {
            int w = weights[image];
            if (w == 0 || count[image] == 0) {
                continue;
            }
            n += (double) w * count[image];
            add(mean, sum[image], w);
            add(second, outer[image], w);
        }
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs two rows, the resample holds " + n);
        }
        for (int i = 0; i < dimension; i++) {
            mean[i] /= n;
        }
        double[][] covariance = new double[dimension][dimension];
        for (int i = 0, t = 0; i < dimension; i++) {
            for (int j = i; j < dimension; j++, t++) {
                double c = (second[t] - n * mean[i] * mean[j]) / (n - 1);
                covariance[i][j] = c;
                covariance[j][i] = c;
            }
        }
        return new Gaussian(mean, covariance);
    }

    private static void add(double[] into, double[] values, int weight) {
        for (int i = 0; i < into.length; i++) {
            into[i] += weight * values[i];
        }
    }
}
