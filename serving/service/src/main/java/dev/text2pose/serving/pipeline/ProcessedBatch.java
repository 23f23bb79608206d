package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.Map;

/**
 * A batch after inference, ready to publish: its pose records and dead letters, and what to count once committed.
 *
 * @param batch            the caption records it answers
 * @param outgoing         pose records and dead letters, in the batch's order
 * @param poses            how many of {@code outgoing} are poses
 * @param deadLetters      how many are dead letters, by reason
 * @param servedTimestamps the caption timestamps of the served requests, for the end-to-end latency
 */
public record ProcessedBatch(Batch batch, List<ProducerRecord<byte[], byte[]>> outgoing, int poses,
                             Map<DeadLetters.Reason, Integer> deadLetters, List<Long> servedTimestamps) {
}
