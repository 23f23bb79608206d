package dev.text2pose.trainer.eval.stats;

/**
 * A point estimate with its 95% bootstrap interval (see {@link ImageBootstrap#interval(ImageBootstrap.Statistic)}).
 *
 * @param estimate the value on the evaluated images as they are
 * @param low      the 2.5th percentile of the resampled values, moved by {@code -shift}
 * @param high     the 97.5th percentile, moved alike
 * @param shift    how far the resampled values' median lay from the estimate, which the interval is corrected
 *                 for; NaN when nothing was resampled
 */
public record Interval(double estimate, double low, double high, double shift) {

    /** An exact value: no spread, no shift (hand-made rows in tests, metrics that do not vary). */
    public static Interval exact(double value) {
        return new Interval(value, value, value, 0);
    }


    /**
     * The interval with its ends held inside a metric's range: centring can push an end past a bound the metric
     * cannot cross (a 1-NN accuracy of 0.999 above 1, an FID near 0 below it).
     */
    public Interval within(double min, double max) {
        return new Interval(estimate, Math.max(min, Math.min(max, low)), Math.max(min, Math.min(max, high)), shift);
    }

    /** Half the interval's width: what "narrowly" means for this number. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** Whether {@code value} lies inside the interval, ends included. */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
