package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@link DeliveryMode#EXACTLY_ONCE}: each batch is one transaction holding its poses, its dead letters and its input
 * offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata, so a zombie of an older group
 * generation is fenced). Either all of it becomes visible to {@code read_committed} readers, or none.
 */
public final class TransactionalPublisher implements BatchPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INIT_BACKOFF = Duration.ofSeconds(1);

    private final Supplier<Producer<byte[], byte[]>> factory;
    private final BooleanSupplier running;
    private Producer<byte[], byte[]> producer;

    /**
     * @param factory creates a producer with this instance's {@code transactional.id}
     * @param running whether to keep retrying while the cluster cannot be reached
     */
    public TransactionalPublisher(Supplier<Producer<byte[], byte[]>> factory, BooleanSupplier running) {
        this.factory = factory;
        this.running = running;
        this.producer = open();
    }

    @Override
    public PublishTimes publish(ProcessedBatch batch, Consumer<byte[], byte[]> consumer) {
        long start = System.nanoTime();
        producer.beginTransaction();
        for (ProducerRecord<byte[], byte[]> record : batch.outgoing()) {
            producer.send(record);
        }
        producer.flush(); // commitTransaction would flush too; flushing first times the sending apart from the commit
        long acknowledged = System.nanoTime();
        producer.sendOffsetsToTransaction(batch.batch().nextOffsets(), consumer.groupMetadata());
        producer.commitTransaction();
        return new PublishTimes(acknowledged - start, System.nanoTime() - acknowledged);
    }

    @Override
    public void recover(PublishFailures.Action action) {
        if (action == PublishFailures.Action.RETRY) {
            try {
                producer.abortTransaction();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Aborting the transaction failed ({}); opening a new producer", e.toString());
            }
        }
        producer.close(Duration.ZERO);
        producer = open();
    }

    /** A new producer with its transactions initialised; fences any older producer with the same id. */
    private Producer<byte[], byte[]> open() {
        Producer<byte[], byte[]> created = factory.get();
        while (true) {
            try {
                created.initTransactions();
                return created;
            } catch (TimeoutException e) {
                if (!running.getAsBoolean()) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                LOG.warn("Cannot initialise transactions yet ({}); retrying", e.getMessage());
                sleep(INIT_BACKOFF);
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
