package dev.text2pose.serving.bench;

import dev.text2pose.serving.pipeline.StageTimes;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where the end-to-end latency of a phase went, per request, from the service's stage times and the reader's clock:
 * sent to polled (producer, broker, consumer fetch), polled to batch start (waiting for a batch or for the batch
 * before), inference, and inference done to received (publish, acknowledgement, commit, the reader's fetch). Each is a
 * sorted array of milliseconds. Requests without stage times (none, from this service) are left out.
 */
record StageBreakdown(double[] sentToPolled, double[] batchWait, double[] inference, double[] inferredToReceived) {

    static StageBreakdown of(List<Arrival> arrivals) {
        List<Arrival> staged = arrivals.stream().filter(a -> a.stages().isPresent()).toList();
        return new StageBreakdown(
                sortedMs(staged, a -> a.stages().get().polledMicros() - a.sentMicros()),
                sortedMs(staged, a -> stages(a).startedMicros() - stages(a).polledMicros()),
                sortedMs(staged, a -> stages(a).inferredMicros() - stages(a).startedMicros()),
                sortedMs(staged, a -> a.receivedMicros() - stages(a).inferredMicros()));
    }

    /** The {@code p} quantile of sorted values (nearest rank); NaN when there are none. */
    static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }

    /** One line: p50/p90/p99 in ms of each stage. */
    String describe() {
        return String.format("sent->polled %s; batch wait %s; inference %s; inferred->received %s (ms, p50/p90/p99)",
                triple(sentToPolled), triple(batchWait), triple(inference), triple(inferredToReceived));
    }

    static String triple(double[] sorted) {
        return String.format("%.1f/%.1f/%.1f", percentile(sorted, 0.5), percentile(sorted, 0.9),
                percentile(sorted, 0.99));
    }

    private static StageTimes stages(Arrival arrival) {
        return arrival.stages().orElseThrow();
    }

    private static double[] sortedMs(List<Arrival> arrivals, ToDoubleFunction<Arrival> micros) {
        double[] ms = arrivals.stream().mapToDouble(a -> micros.applyAsDouble(a) / 1e3).toArray();
        Arrays.sort(ms);
        return ms;
    }
}
