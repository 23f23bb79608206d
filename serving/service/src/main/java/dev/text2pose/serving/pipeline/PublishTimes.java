package dev.text2pose.serving.pipeline;

/**
 * How long one batch's publication took, in two parts, so the cost of a commit (in exactly-once, the transaction's)
 * is seen apart from sending.
 *
 * @param acknowledgedNanos from the first send to every record acknowledged by the cluster
 * @param committedNanos    from then to the input offsets committed (with the transaction, in exactly-once)
 */
public record PublishTimes(long acknowledgedNanos, long committedNanos) {
}
