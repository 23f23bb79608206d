package dev.text2pose.trainer.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * One axis of a {@link LossCurves} panel: the values {@code low..high} laid onto the pixels {@code from..to}, with
 * numbered ticks every {@code tick}, a round 1, 2 or 5 times a power of ten so that their labels stay short.
 */
record PlotAxis(double low, double high, double tick, double from, double to) {

    /** The step axis: first to last step, whole-number ticks; a lone step sits in the middle. */
    static PlotAxis steps(double[] steps, double from, double to) {
        double low = Arrays.stream(steps).filter(Double::isFinite).min().orElse(0);
        double high = Arrays.stream(steps).filter(Double::isFinite).max().orElse(1);
        return high > low ? of(low, high, 1, from, to) : of(low - 1, high + 1, 1, from, to);
    }

    /**
     * A value axis from the 1st to the 99th percentile of the finite {@code values}, widened to hold {@code
     * reference} when that is finite, and padded by 5 % each side. A spike of a few steps falls outside it rather
     * than flattening every other step against the axis.
     */
    static PlotAxis robust(double[] values, double reference, double from, double to) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double low = sorted.length == 0 ? 0 : sorted[(int) Math.round(0.01 * (sorted.length - 1))];
        double high = sorted.length == 0 ? 1 : sorted[(int) Math.round(0.99 * (sorted.length - 1))];
        if (Double.isFinite(reference)) {
            low = Math.min(low, reference);
            high = Math.max(high, reference);
        }
        boolean flat = high - low <= 1e-12 * Math.max(1, Math.abs(high));
        double margin = flat ? Math.max(0.5, 0.1 * Math.abs(high)) : 0.05 * (high - low);
        return of(low - margin, high + margin, 0, from, to);
    }

    private static PlotAxis of(double low, double high, double leastTick, double from, double to) {
        double raw = (high - low) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double tick = magnitude * (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10);
        return new PlotAxis(low, high, Math.max(leastTick, tick), from, to);
    }

    /** The pixel of value {@code v}. */
    double pixel(double v) {
        return from + (v - low) / (high - low) * (to - from);
    }

    boolean holds(double v) {
        return v >= low && v <= high;
    }

    /** The multiples of {@code tick} from {@code low} to {@code high}. */
    double[] ticks() {
        return LongStream.rangeClosed((long) Math.ceil(low / tick - 1e-9), (long) Math.floor(high / tick + 1e-9))
                .mapToDouble(i -> i * tick).toArray();
    }

    /** Tick value {@code v} with the decimals the tick spacing needs (exponent form from 100,000 on). */
    String label(double v) {
        int decimals = (int) Math.max(0, Math.min(6, -Math.floor(Math.log10(tick) + 1e-9)));
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 ? "%.2g" : "%." + decimals + "f", v);
    }
}
