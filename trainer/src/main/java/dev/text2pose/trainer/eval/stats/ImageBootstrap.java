package dev.text2pose.trainer.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;

/**
 * 95% bootstrap intervals over the evaluated images: resample the images with replacement, recompute the metric,
 * and take the 2.5th and 97.5th percentiles of the recomputed values, centred on the estimate (see {@link
 * #interval(Statistic)}).
 *
 * <p>Images, not captions or draws, are the unit, because the five captions and the draws of one image are not
 * independent of each other. The resamples are drawn once from the seed, and every row and metric of a run is
 * recomputed on the same resamples, so two rows' intervals come from the same image sets. A resample is a weight
 * per image (how many times it was drawn), which {@link ImageSums} and {@link EmbeddingMoments} consume directly.
 */
public final class ImageBootstrap {

    /**
     * Resamples per interval. 1,000 keeps the Monte Carlo error of a 95% percentile end well below the interval's
     * width, and the costliest metric (FID, two 64x64 eigendecompositions per judge and resample) still takes
     * seconds a row.
     */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** The resample index under which a {@link Statistic} is asked for the point estimate. */
    public static final int ESTIMATE = -1;

    private final int[][] weights;

    /**
     * Draws {@code resamples} resamples of {@code images} images.
     *
     * @throws IllegalArgumentException when there is no image or no resample
     */
    public ImageBootstrap(int images, int resamples, long seed) {
        if (images < 1 || resamples < 1) {
            throw new IllegalArgumentException("need at least one image and one resample, got " + images + ", "
                    + resamples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        weights = new int[resamples][images];
        for (int[] w : weights) {
            for (int i = 0; i < images; i++) {
                w[random.nextInt(images)]++;
            }
        }
    }

    /** Number of resamples. */
    public int resamples() {
        return weights.length;
    }

    /** The weights of resample {@code resample}, or all ones for {@link #ESTIMATE}; a copy. */
    public int[] weights(int resample) {
        if (resample == ESTIMATE) {
            int[] all = new int[images()];
            Arrays.fill(all, 1);
            return all;
        }
        return weights[resample].clone();
    }

    /** Number of images each resample draws. */
    public int images() {
        return weights[0].length;
    }

    /**
     * A metric recomputed on a resample.
     */
    @FunctionalInterface
    public interface Statistic {

        /**
         * The metric of resample {@code resample} ({@code 0..resamples-1}), which holds image {@code i}
         * {@code weights[i]} times; {@link #ESTIMATE} with all weights 1 for the point estimate. NaN means there
         * was nothing to measure in that resample. Called from several threads; {@code weights} is only read.
         */
        double of(int resample, int[] weights);
    }

    /**
     * The interval of a statistic: the 2.5th to 97.5th percentile of its resampled values, moved so that their
     * median sits on the estimate.
     *
     * <p>Why moved: a resample repeats about a third of the images and lacks as many, which on its own shifts
     * set-level metrics (FID rises, as fewer distinct real poses make a noisier covariance; 1-NN accuracy drops, as
     * neighbours thin out). The plain percentiles then describe that shift rather than the estimate, and for FID
     * can miss the estimate entirely. The spread is what the resamples measure well, so the interval keeps their
     * spread around the estimate and {@link Interval#shift()} reports how far they had moved; for means, which
     * resampling does not bias, the shift is a small fraction of the width.
     */
    public Interval interval(Statistic statistic) {
        double estimate = statistic.of(ESTIMATE, weights(ESTIMATE));
        double[] resampled = IntStream.range(0, weights.length).parallel()
                .mapToDouble(b -> statistic.of(b, weights[b])).toArray();
        return centred(estimate, resampled);
    }

    /**
     * The interval of a function of two intervals' metrics computed on the same resamples, resample by resample:
     * {@code combine(a, b)} on the estimates and on every resample, centred like {@link #interval(Statistic)}.
     *
     * @throws IllegalArgumentException when either lacks its resampled values or they differ in count
     */
    public static Interval paired(Interval a, Interval b, DoubleBinaryOperator combine) {
        if (a.resampled() == null || b.resampled() == null || a.resampled().length != b.resampled().length) {
            throw new IllegalArgumentException("a paired interval needs both metrics on the same resamples");
        }
        double[] combined = new double[a.resampled().length];
        for (int r = 0; r < combined.length; r++) {
            combined[r] = combine.applyAsDouble(a.resampled()[r], b.resampled()[r]);
        }
        return centred(combine.applyAsDouble(a.estimate(), b.estimate()), combined);
    }

    private static Interval centred(double estimate, double[] resampled) {
        double[] values = Arrays.stream(resampled).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, Double.NaN, resampled);
        }
        double shift = percentile(values, 0.5) - estimate;
        return new Interval(estimate, percentile(values, 0.025) - shift, percentile(values, 0.975) - shift, shift,
                resampled);
    }

    /** The interval of the mean of {@code sums}. */
    public Interval interval(ImageSums sums) {
        return interval((resample, weights) -> sums.mean(weights));
    }

    /** Linear interpolation between the closest ranks of sorted {@code values}. */
    static double percentile(double[] values, double p) {
        double rank = p * (values.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, values.length - 1);
        return values[below] + (rank - below) * (values[above] - values[below]);
    }
}
