package dev.text2pose.serving.pipeline;

import java.util.Locale;

/**
 * How the pipeline ties its outputs to its input offsets.
 *
 * <p>Both modes commit an input offset only once the poses and dead letters of that record are durable, so neither
 * loses a request. They differ in what a crash or a failed commit leaves behind.
 */
public enum DeliveryMode {

    /**
     * Poses, dead letters and the consumed offsets of a batch are written in one Kafka transaction (a
     * {@code transactional.id} per instance, offsets sent with the consumer group's metadata). A reader with
     * {@code isolation.level=read_committed} sees every request answered exactly once, even across crashes and
     * rebalances; an aborted batch is invisible to it.
     */
    EXACTLY_ONCE,

    /**
     * An idempotent producer; offsets are committed after every record of the batch is acknowledged. A crash between
     * the two repeats the batch, so readers may see an answer twice and must dedupe by request id (a repeated request
     * without a seed is answered with different noise). Cheaper per batch, and readers need no read_committed.
     */
    AT_LEAST_ONCE;

    /**
     * Reads a mode as written in config: {@code exactly-once} or {@code at-least-once} (case and {@code _} or
     * {@code -} do not matter).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DeliveryMode parse(String text) {
        String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalised);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("delivery mode must be exactly-once or at-least-once, got '" + text + "'",
                    e);
        }
    }
}
