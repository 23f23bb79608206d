package dev.text2pose.serving.bench;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.util.concurrent.TimeUnit;

/**
 * Percentiles of what a service timer recorded between two snapshots, from its percentile-histogram buckets: the
 * bucket bound at or above each percentile, so a value is at most one bucket (about a quarter) too high.
 */
final class HistogramDelta {

    private HistogramDelta() {
    }

    /** {@code "p50/p90/p99 a/b/c ms (n)"}, the bucket bounds holding those percentiles of what was recorded between. */
    static String describe(HistogramSnapshot before, HistogramSnapshot after) {
        long count = after.count() - before.count();
        return String.format("%s/%s/%s ms (%d)", bound(before, after, count, 0.5), bound(before, after, count, 0.9),
                bound(before, after, count, 0.99), count);
    }

    private static String bound(HistogramSnapshot before, HistogramSnapshot after, long count, double p) {
        if (count == 0) {
            return "-";
        }
        CountAtBucket[] from = before.histogramCounts();
        CountAtBucket[] to = after.histogramCounts();
        for (int i = 0; i < to.length; i++) {
            if (to[i].count() - from[i].count() >= p * count) {
                return String.format("%.1f", to[i].bucket(TimeUnit.MILLISECONDS));
            }
        }
        return ">" + String.format("%.0f", to[to.length - 1].bucket(TimeUnit.MILLISECONDS));
    }
}
