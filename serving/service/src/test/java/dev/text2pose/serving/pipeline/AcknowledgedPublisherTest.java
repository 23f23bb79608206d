package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcknowledgedPublisherTest {

    private static final TopicPartition CAPTIONS = new TopicPartition("captions", 0);

    /**
     * The pipeline wakes its consumer when an inference ends; landing on the commit, that must not skip it. Two can
     * land: one left from the batch before and one from the batch dispatched just before the publish.
     */
    @Test
    void wakeUpsDuringTheCommitDoNotLoseIt() {
        WokenTwice consumer = new WokenTwice();
        consumer.assign(List.of(CAPTIONS));
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        AcknowledgedPublisher publisher = new AcknowledgedPublisher(() -> producer);
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                new ConsumerRecord<>("captions", 0, 41, new byte[] {'a'}, new byte[0]),
                new ConsumerRecord<>("captions", 0, 42, new byte[] {'b'}, new byte[0]));
        ProducerRecord<byte[], byte[]> pose = new ProducerRecord<>("poses", new byte[] {'a'}, new byte[] {1});
        publisher.publish(new ProcessedBatch(new Batch(records, List.of(0L, 0L)), List.of(pose, pose), 2, Map.of(),
                List.of(0L, 0L)), consumer);
        assertEquals(3, consumer.commits, "the interrupted commit was made again, twice");
        assertEquals(Map.of(CAPTIONS, new OffsetAndMetadata(43)), consumer.committed(Set.of(CAPTIONS)));
        assertEquals(2, producer.history().size());
    }

    /** Throws a wake-up from its first two commits, as KafkaConsumer does when woken twice outside a poll. */
    private static final class WokenTwice extends MockConsumer<byte[], byte[]> {
        int commits;

        WokenTwice() {
            super(OffsetResetStrategy.EARLIEST);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (commits++ < 2) {
                throw new WakeupException();
            }
            super.commitSync(offsets);
        }
    }
}
