package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeadLetterRecordsTest {

    @Test
    void keepsKeyValueAndHeadersAndAddsReasonAndSource() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("captions", 3, 41L, "key-1", new byte[] {1, 2, 3});
        source.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, byte[]> letter = DeadLetterRecords.of(source, "dlq",
                DeadLetters.Reason.INVALID_REQUEST, "samples must be 1..16, got 0");

        assertEquals("dlq", letter.topic());
        assertEquals("key-1", letter.key());
        assertArrayEquals(new byte[] {1, 2, 3}, letter.value());
        assertEquals("00-abc-def-01", header(letter, "traceparent"));
        assertEquals("INVALID_REQUEST", header(letter, DeadLetters.REASON));
        assertEquals("samples must be 1..16, got 0", header(letter, DeadLetters.ERROR));
        assertEquals("captions", header(letter, DeadLetters.SOURCE_TOPIC));
        assertEquals("3", header(letter, DeadLetters.SOURCE_PARTITION));
        assertEquals("41", header(letter, DeadLetters.SOURCE_OFFSET));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
