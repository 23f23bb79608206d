package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Caption records served together: one encoder and one generator call, one publish, one commit.
 *
 * @param records      in consumption order; within a partition, consecutive offsets as polled
 * @param polledMicros when each record was polled ({@link StageTimes#nowMicros()}), in the order of {@code records}
 */
public record Batch(List<ConsumerRecord<byte[], byte[]>> records, List<Long> polledMicros) {

    public Batch {
        records = List.copyOf(records);
        polledMicros = List.copyOf(polledMicros);
        if (polledMicros.size() != records.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + polledMicros.size() + " poll times");
        }
    }

    public int size() {
        return records.size();
    }

    /** The offsets to commit once the batch is published: the last offset + 1 of every partition in it. */
    public Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** The first offset of every partition in the batch: where to seek to serve it again. */
    public Map<TopicPartition, Long> firstOffsets() {
        return PendingRecords.lowest(records);
    }
}
