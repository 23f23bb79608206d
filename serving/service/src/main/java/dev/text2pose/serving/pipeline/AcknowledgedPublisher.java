package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@link DeliveryMode#AT_LEAST_ONCE}: an idempotent producer sends the batch, and the offsets are committed once every
 * record is acknowledged. A crash between the two repeats the batch (duplicates, never a loss).
 */
public final class AcknowledgedPublisher implements BatchPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgedPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Producer<byte[], byte[]>> factory;
    private Producer<byte[], byte[]> producer;

    /** @param factory creates an idempotent producer */
    public AcknowledgedPublisher(Supplier<Producer<byte[], byte[]>> factory) {
        this.factory = factory;
        this.producer = factory.get();
    }

    @Override
    public PublishTimes publish(ProcessedBatch batch, Consumer<byte[], byte[]> consumer) {
        long start = System.nanoTime();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.outgoing().size());
        for (ProducerRecord<byte[], byte[]> record : batch.outgoing()) {
            acks.add(producer.send(record));
        }
        producer.flush(); // send now instead of after linger.ms: this batch is complete
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new PublishFailedException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(e);
            }
        }
        long acknowledged = System.nanoTime();
        try {
            commit(batch, consumer);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved while the batch was published: its new owner serves it again (duplicates, no loss).
            LOG.warn("Commit failed during a rebalance; the batch will be served again: {}", e.getMessage());
        }
        return new PublishTimes(acknowledged - start, System.nanoTime() - acknowledged);
    }

    /**
     * Commits the batch's offsets. The pipeline wakes its consumer when an inference ends, to end a poll; a wake-up
     * that arrives while no poll runs interrupts this commit instead, so it is made again (same offsets, no harm).
     * At most two can land here: one left from the batch before, and the batch dispatched just before this publish.
     */
    private static void commit(ProcessedBatch batch, Consumer<byte[], byte[]> consumer) {
        while (true) {
            try {
                consumer.commitSync(batch.batch().nextOffsets());
                return;
            } catch (WakeupException e) {
                LOG.debug("A wake-up meant for the poll interrupted the commit; committing again");
            }
        }
    }

    @Override
    public void recover(PublishFailures.Action action) {
        if (action == PublishFailures.Action.REOPEN_PRODUCER) {
            producer.close(Duration.ZERO);
            producer = factory.get();
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** A send the cluster did not acknowledge after the producer's own retries. */
    static final class PublishFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublishFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
