package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterRecordsTest {

    private static final int ONE_MIB = 1024 * 1024;
    private final DeadLetterRecords letters = new DeadLetterRecords("dlq", ONE_MIB);

    @Test
    void keepsKeyValueAndHeadersAndAddsReasonAndSource() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("captions", 3, 41L, "key-1", new byte[] {1, 2, 3});
        source.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, byte[]> letter = letters.of(source, DeadLetters.Reason.INVALID_REQUEST,
                "samples must be 1..16, got 0");

        assertEquals("dlq", letter.topic());
        assertEquals("key-1", letter.key());
        assertArrayEquals(new byte[] {1, 2, 3}, letter.value());
        assertEquals("00-abc-def-01", header(letter, "traceparent"));
        assertEquals("INVALID_REQUEST", header(letter, DeadLetters.REASON));
        assertEquals("samples must be 1..16, got 0", header(letter, DeadLetters.ERROR));
        assertEquals("captions", header(letter, DeadLetters.SOURCE_TOPIC));
        assertEquals("3", header(letter, DeadLetters.SOURCE_PARTITION));
        assertEquals("41", header(letter, DeadLetters.SOURCE_OFFSET));
        assertNull(letter.headers().lastHeader(DeadLetters.OMITTED));
    }

    @Test
    void aValueThatWouldNotFitIsReplacedByItsSizeAndHash() throws Exception {
        byte[] value = new byte[ONE_MIB - 100]; // fits a producer's request alone, not with the letter's headers
        value[7] = 42;
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("captions", 0, 9L, "big", value);
        source.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, byte[]> letter = letters.of(source, DeadLetters.Reason.UNDECODABLE, "too large");

        assertNull(letter.value());
        assertEquals("big", letter.key());
        assertEquals("00-abc-def-01", header(letter, "traceparent"));
        assertEquals("UNDECODABLE", header(letter, DeadLetters.REASON));
        assertEquals("value", header(letter, DeadLetters.OMITTED));
        assertEquals(Integer.toString(value.length), header(letter, DeadLetters.VALUE_SIZE));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)),
                header(letter, DeadLetters.VALUE_SHA256));
        assertFits(letter);
    }

    @Test
    void hugeHeadersAndKeyAreLeftOutToo() {
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>("captions", 0, 9L, "k".repeat(600_000),
                new byte[10]);
        source.headers().add("padding", new byte[600_000]);

        ProducerRecord<String, byte[]> letter = letters.of(source, DeadLetters.Reason.UNDECODABLE, "too large");

        assertNull(letter.key());
        assertNull(letter.value());
        assertNull(letter.headers().lastHeader("padding"));
        assertEquals("value,key,headers", header(letter, DeadLetters.OMITTED));
        assertEquals("10", header(letter, DeadLetters.VALUE_SIZE));
        assertEquals("9", header(letter, DeadLetters.SOURCE_OFFSET));
        assertFits(letter);
    }

    private static void assertFits(ProducerRecord<String, byte[]> letter) {
        long size = DeadLetterRecords.size(letter.key(), letter.value(), letter.headers());
        assertTrue(size <= ONE_MIB, size + " bytes");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
