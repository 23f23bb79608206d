package dev.text2pose.trainer.eval.stats;

import java.util.Arrays;

/**
 * A metric kept as a sum and a count per evaluated image, so its value is {@code sum / count} over all images and,
 * for a bootstrap resample, over the images weighted by how often the resample drew them.
 *
 * <p>The count decides how images weigh: a per-pose mean (ground-truth distance: every caption and draw counts
 * once) has a count of poses per image; a per-image mean (caption match, which a constant pose must score 0 on
 * exactly) has a count of 1.
 *
 * @param sum   per image, the sum of the metric over its units
 * @param count per image, the number of units
 */
public record ImageSums(double[] sum, double[] count) {

    public ImageSums {
        if (sum.length != count.length) {
            throw new IllegalArgumentException(sum.length + " sums but " + count.length + " counts");
        }
    }

    /**
     * Per-unit values grouped by image.
     *
     * @param values      per unit, its value
     * @param imageOfUnit per unit, its image in {@code 0..images-1}
     */
    public static ImageSums of(double[] values, int[] imageOfUnit, int images) {
        double[] sum = new double[images];
        double[] count = new double[images];
        for (int u = 0; u < values.length; u++) {
            sum[imageOfUnit[u]] += values[u];
            count[imageOfUnit[u]]++;
        }
        return new ImageSums(sum, count);
    }

    /** One value per image, each image weighing the same. */
    public static ImageSums perImage(double[] values) {
        double[] ones = new double[values.length];
        Arrays.fill(ones, 1);
        return new ImageSums(values.clone(), ones);
    }

    /** The mean over all units; NaN when there are none. */
    public double mean() {
        double s = 0;
        double c = 0;
        for (int i = 0; i < sum.length; i++) {
            s += sum[i];
            c += count[i];
        }
        return s / c;
    }

    /** The mean over a resample that holds image {@code i} {@code weights[i]} times; NaN when it holds no unit. */
    public double mean(int[] weights) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < sum.length; i++) {
            s += weights[i] * sum[i];
            c += weights[i] * count[i];
        }
        return s / c;
    }
}
