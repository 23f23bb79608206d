package dev.text2pose.serving.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the work loop still works, as its own thread reports it: it is dead once it ended with an error or has not
 * polled Kafka for longer than the poll gap, and serving while it polled within the readiness window. A dead loop does
 * not come back: the process must exit so that an orchestrator restarts it. Thread-safe.
 */
public final class LoopLiveness {

    /**
     * The longest time the loop may go without polling before it counts as stuck, 3 minutes: longer than any Kafka
     * call the loop makes can block ({@code delivery.timeout.ms}, 2 minutes by default) plus a retry pause, and
     * shorter than {@code max.poll.interval.ms} (5 minutes), after which the group has given the partitions away.
     */
    public static final Duration MAX_POLL_GAP = Duration.ofMinutes(3);

    private final long maxPollGapNanos;
    private final LongSupplier nanoClock;
    private volatile long lastPollNanos;
    private volatile boolean polled;
    private volatile String failure;

    /** A loop that starts now, judged by {@link #MAX_POLL_GAP} on the system's clock. */
    public LoopLiveness() {
        this(MAX_POLL_GAP, System::nanoTime);
    }

    LoopLiveness(Duration maxPollGap, LongSupplier nanoClock) {
        this.maxPollGapNanos = maxPollGap.toNanos();
        this.nanoClock = nanoClock;
        this.lastPollNanos = nanoClock.getAsLong();
    }

    /** The loop has just polled. */
    public void polled() {
        lastPollNanos = nanoClock.getAsLong();
        polled = true;
    }

    /** The loop ended with {@code error}. */
    public void failed(Throwable error) {
        failure = "the pipeline stopped on " + error;
    }

    /** Whether the loop has polled within {@code window} and not failed: the pipeline's part of readiness. */
    public boolean pollingWithin(Duration window) {
        return polled && failure == null && nanoClock.getAsLong() - lastPollNanos < window.toNanos();
    }

    /** Why the loop is dead; empty while it lives. */
    public Optional<String> deathCause() {
        if (failure != null) {
            return Optional.of(failure);
        }
        long gap = nanoClock.getAsLong() - lastPollNanos;
        return gap > maxPollGapNanos ? Optional.of("the pipeline has not polled Kafka for " + gap / 1_000_000_000L
                + " s (the bound is " + maxPollGapNanos / 1_000_000_000L + " s)") : Optional.empty();
    }
}
