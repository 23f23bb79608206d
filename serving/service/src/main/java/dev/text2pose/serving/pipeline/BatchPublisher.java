package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * Writes a processed batch and commits its input offsets, in one of the {@link DeliveryMode}s. Called only from the
 * consumer's thread, one batch at a time.
 */
public interface BatchPublisher extends AutoCloseable {

    /**
     * Publishes every outgoing record of the batch and commits the batch's offsets; returns once both are durable.
     *
     * @return how long the sending and the commit took
     * @throws RuntimeException when either failed; classify it with {@link PublishFailures}
     */
    PublishTimes publish(ProcessedBatch batch, Consumer<byte[], byte[]> consumer);

    /** Leaves the publisher ready for the next batch after a failure classified as {@code action}. */
    void recover(PublishFailures.Action action);

    @Override
    void close();
}
