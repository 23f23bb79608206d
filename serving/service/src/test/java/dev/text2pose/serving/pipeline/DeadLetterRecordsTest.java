package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterRecordsTest {

    private static final int ONE_MIB = 1024 * 1024;
    private static final byte[] NOT_UTF8_KEY = {'k', (byte) 0xC3, '(', (byte) 0xFF};
    private final DeadLetterRecords letters = new DeadLetterRecords("dlq", ONE_MIB);

    /** A producer's headers under the service's prefix are dropped: only the service's reason and source remain. */
    @Test
    void forgedReasonHeadersAreDropped() {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("captions", 1, 7L, utf8("k"), new byte[] {1});
        source.headers().add(DeadLetters.REASON, utf8("EXPIRED"));
        source.headers().add(DeadLetters.SOURCE_OFFSET, utf8("999"));
        source.headers().add("text2pose.dlq.anything", utf8("x"));
        source.headers().add("traceparent", utf8("kept"));

        ProducerRecord<byte[], byte[]> letter = letters.of(source, DeadLetters.Reason.UNDECODABLE, "corrupt");

        assertEquals(List.of("traceparent", DeadLetters.REASON, DeadLetters.ERROR, DeadLetters.SOURCE_TOPIC,
                DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET),
                Arrays.stream(letter.headers().toArray()).map(Header::key).toList());
        assertEquals("UNDECODABLE", header(letter, DeadLetters.REASON));
        assertEquals("7", header(letter, DeadLetters.SOURCE_OFFSET));
    }

    @Test
    void keepsKeyValueAndHeadersAndAddsReasonAndSource() {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("captions", 3, 41L, NOT_UTF8_KEY,
                new byte[] {1, 2, 3});
        source.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> letter = letters.of(source, DeadLetters.Reason.INVALID_REQUEST,
                "samples must be 1..16, got 0");

        assertEquals("dlq", letter.topic());
        assertArrayEquals(NOT_UTF8_KEY, letter.key(), "the key's bytes unchanged, UTF-8 or not");
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
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("captions", 0, 9L, utf8("big"), value);
        source.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> letter = letters.of(source, DeadLetters.Reason.UNDECODABLE, "too large");

        assertNull(letter.value());
        assertArrayEquals(utf8("big"), letter.key());
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
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("captions", 0, 9L, utf8("k".repeat(600_000)),
                new byte[10]);
        source.headers().add("padding", new byte[600_000]);

        ProducerRecord<byte[], byte[]> letter = letters.of(source, DeadLetters.Reason.UNDECODABLE, "too large");

        assertNull(letter.key());
        assertNull(letter.value());
        assertNull(letter.headers().lastHeader("padding"));
        assertEquals("value,key,headers", header(letter, DeadLetters.OMITTED));
        assertEquals("10", header(letter, DeadLetters.VALUE_SIZE));
        assertEquals("9", header(letter, DeadLetters.SOURCE_OFFSET));
        assertFits(letter);
    }

    private static void assertFits(ProducerRecord<byte[], byte[]> letter) {
        long size = DeadLetterRecords.size(letter.key(), letter.value(), letter.headers());
        assertTrue(size <= ONE_MIB, size + " bytes");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
