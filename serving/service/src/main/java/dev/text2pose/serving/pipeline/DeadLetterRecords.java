package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/** Builds dead-letter records in the layout {@link DeadLetters} documents: original bytes, reason in headers. */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /** The dead letter for {@code source}, on {@code topic}, keeping the source's key, value and headers. */
    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> source, String topic,
                                                    DeadLetters.Reason reason, String error) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        headers.add(DeadLetters.REASON, utf8(reason.name()));
        headers.add(DeadLetters.ERROR, utf8(error));
        headers.add(DeadLetters.SOURCE_TOPIC, utf8(source.topic()));
        headers.add(DeadLetters.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(DeadLetters.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
