package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds dead-letter records in the layout {@link DeadLetters} documents: original key and value bytes, reason in
 * headers. Headers the producer sent under the service's own prefix {@value #RESERVED_PREFIX} are dropped, so a reader
 * that takes the first {@code text2pose.dlq.reason} never gets a forged one. A dead
 * letter always fits the producer's {@code max.request.size}, since one that does not fails its whole batch, again and
 * again: when the copy would be too large, the value (and if need be the key and the original headers) is left out and
 * the value's size and SHA-256 are recorded instead.
 */
public final class DeadLetterRecords {

    /**
     * An upper bound of Kafka's framing of one record alone in a batch: the 61-byte batch header plus the record's
     * varints. Per header, 10 bytes of varints. Kafka's own estimate is never larger, so a letter within bounds is sent.
     */
    private static final int RECORD_OVERHEAD_BYTES = 128;
    private static final int HEADER_OVERHEAD_BYTES = 10;
    /** The prefix of the headers only the service writes. */
    static final String RESERVED_PREFIX = "text2pose.dlq.";

    private final String topic;
    private final int maxRequestBytes;

    /**
     * @param topic           the dead-letter topic
     * @param maxRequestBytes the producer's {@code max.request.size}
     */
    public DeadLetterRecords(String topic, int maxRequestBytes) {
        this.topic = topic;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The dead letter for {@code source}: its key, value and headers plus the reason, as far as they fit. */
    public ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, DeadLetters.Reason reason,
                                             String error) {
        RecordHeaders all = new RecordHeaders();
        for (Header header : source.headers()) {
            if (!header.key().startsWith(RESERVED_PREFIX)) {
                all.add(header);
            }
        }
        reasonHeaders(source, reason, error).forEach(all::add);
        if (size(source.key(), source.value(), all) <= maxRequestBytes) {
            return new ProducerRecord<>(topic, null, source.key(), source.value(), all);
        }
        RecordHeaders withoutValue = new RecordHeaders(all.toArray());
        describeOmitted(withoutValue, "value", source.value());
        if (size(source.key(), null, withoutValue) <= maxRequestBytes) {
            return new ProducerRecord<>(topic, null, source.key(), null, withoutValue);
        }
        RecordHeaders bare = reasonHeaders(source, reason, error);
        describeOmitted(bare, "value,key,headers", source.value());
        return new ProducerRecord<>(topic, null, (byte[]) null, (byte[]) null, bare);
    }

    private static void describeOmitted(RecordHeaders headers, String omitted, byte[] value) {
        byte[] original = value == null ? new byte[0] : value;
        headers.add(DeadLetters.OMITTED, utf8(omitted));
        headers.add(DeadLetters.VALUE_SIZE, utf8(Integer.toString(original.length)));
        headers.add(DeadLetters.VALUE_SHA256, utf8(sha256(original)));
    }

    private static RecordHeaders reasonHeaders(ConsumerRecord<byte[], byte[]> source, DeadLetters.Reason reason,
                                               String error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.REASON, utf8(reason.name()));
        headers.add(DeadLetters.ERROR, utf8(error));
        headers.add(DeadLetters.SOURCE_TOPIC, utf8(source.topic()));
        headers.add(DeadLetters.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(DeadLetters.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        return headers;
    }

    /** An upper bound of the record's size as the producer checks it against {@code max.request.size}. */
    static long size(byte[] key, byte[] value, Iterable<Header> headers) {
        long size = RECORD_OVERHEAD_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += HEADER_OVERHEAD_BYTES + utf8(header.key()).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
