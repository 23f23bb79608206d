package dev.text2pose.trainer.eval.stats;

import java.util.Objects;

/**
 * A point estimate with its 95% bootstrap interval (see {@link ImageBootstrap#interval(ImageBootstrap.Statistic)}).
 *
 * @param estimate the value on the evaluated images as they are
 * @param low      the 2.5th percentile of the resampled values, moved by {@code -shift}
 * @param high     the 97.5th percentile, moved alike
 * @param shift    how far the resampled values' median lay from the estimate, which the interval is corrected
 *                 for; NaN when nothing was resampled
 * @param resampled the metric on each resample, in resample order (NaN where there was nothing to measure), so that
 *                 two rows scored on the same resamples can be compared pair by pair ({@link #minus}); {@code null}
 *                 for a hand-made interval
 */
public record Interval(double estimate, double low, double high, double shift, double[] resampled) {

    /** An interval without its resampled values. */
    public Interval(double estimate, double low, double high, double shift) {
        this(estimate, low, high, shift, null);
    }

    /** An exact value: no spread, no shift (hand-made rows in tests, metrics that do not vary). */
    public static Interval exact(double value) {
        return new Interval(value, value, value, 0);
    }

    /**
     * The paired difference {@code this - other}: the estimates' difference, with the 95% interval of the
     * per-resample differences (centred like {@link ImageBootstrap#interval}). Both must come from the same
     * resamples; pairing removes the spread the two rows share (which images were drawn), so a difference can be
     * clearly non-zero while the two rows' own intervals overlap.
     *
     * @throws IllegalArgumentException when either lacks its resampled values or they differ in count
     */
    public Interval minus(Interval other) {
        return ImageBootstrap.paired(this, other, (a, b) -> a - b);
    }


    /**
     * The interval with its ends held inside a metric's range: centring can push an end past a bound the metric
     * cannot cross (a 1-NN accuracy of 0.999 above 1, an FID near 0 below it).
     */
    public Interval within(double min, double max) {
        return new Interval(estimate, Math.max(min, Math.min(max, low)), Math.max(min, Math.min(max, high)), shift,
                resampled);
    }

    /** Equal when the four numbers are: the resampled values are the working data behind them, not the result. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Interval that && Double.compare(estimate, that.estimate) == 0
                && Double.compare(low, that.low) == 0 && Double.compare(high, that.high) == 0
                && Double.compare(shift, that.shift) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(estimate, low, high, shift);
    }

    @Override
    public String toString() {
        return "Interval[estimate=" + estimate + ", low=" + low + ", high=" + high + ", shift=" + shift + "]";
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
