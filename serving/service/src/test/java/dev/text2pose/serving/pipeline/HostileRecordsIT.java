package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.CraftedCaptions;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records crafted to crash or wedge the service, sent through a real broker to the service in its own JVM, run as
 * deployed: a small heap and {@code -XX:+ExitOnOutOfMemoryError}, so an allocation the record provokes kills it. Each
 * is dead-lettered, the caption behind it is answered, and the process lives on.
 */
@ExtendWith(KafkaClusterExtension.class)
class HostileRecordsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static KafkaCluster kafka;
    private static List<String> topics;
    private static ServiceProcess service;

    @BeforeAll
    static void start(KafkaCluster cluster) throws InterruptedException {
        kafka = cluster;
        topics = cluster.createTopics("hostile", 2, "captions", "poses", "dlq");
        service = ServiceProcess.run(Path.of("target", "hostile-it", "service.log"),
                List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--bootstrap-servers", kafka.bootstrapServers(), "--caption-topic", topics.get(0),
                        "--pose-topic", topics.get(1), "--dead-letter-topic", topics.get(2),
                        "--group-id", "hostile-" + topics.get(0), "--provider", "CPU", "--threads", "1"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** Issue 12, item 1: {@code C3 01}, CaptionEvent's fingerprint, a string length of 2,147,483,639, 3 bytes. */
    @Test
    void anAbsurdStringLengthIsDeadLetteredWithoutAllocating() throws Exception {
        byte[] claim = CraftedCaptions.lengthClaim(2_147_483_639L, "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(18, claim.length, HexFormat.ofDelimiter(" ").formatHex(claim));

        ConsumerRecord<String, byte[]> letter = sendThenAwaitLetter("claim-1", claim, "after-claim-1");

        assertEquals("UNDECODABLE", header(letter, DeadLetters.REASON));
        assertTrue(header(letter, DeadLetters.ERROR).contains("claimed length 2147483639 exceeds limit 4000"),
                header(letter, DeadLetters.ERROR));
        assertArrayEquals(claim, letter.value(), "the original bytes are kept");
    }

    /**
     * Issue 12, item 2: a record of about 1 MB, which the broker accepts but whose dead-letter copy (value plus the
     * reason headers) exceeds the producer's 1 MiB {@code max.request.size}. The letter leaves the value out instead.
     */
    @Test
    void aDeadLetterTooLargeToCopyIsWrittenWithoutItsValue() throws Exception {
        byte[] big = new byte[1_048_400]; // with Kafka's framing just under the broker's 1,048,588-byte limit
        new Random(12).nextBytes(big);

        ConsumerRecord<String, byte[]> letter = sendThenAwaitLetter("big-1", big, "after-big-1");

        assertEquals("UNDECODABLE", header(letter, DeadLetters.REASON));
        assertTrue(header(letter, DeadLetters.ERROR).contains("record of 1048400 bytes exceeds limit 16384 bytes"),
                header(letter, DeadLetters.ERROR));
        assertNull(letter.value());
        assertEquals("value", header(letter, DeadLetters.OMITTED));
        assertEquals("1048400", header(letter, DeadLetters.VALUE_SIZE));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)),
                header(letter, DeadLetters.VALUE_SHA256));
        assertEquals("0", header(letter, DeadLetters.SOURCE_PARTITION));
    }

    /**
     * Sends {@code value} under {@code key}, then a valid caption {@code nextId} on the same partition; waits until the
     * caption is answered, checks the process lives, and returns the dead letter of {@code key}.
     */
    private static ConsumerRecord<String, byte[]> sendThenAwaitLetter(String key, byte[] value, String nextId)
            throws InterruptedException {
        CaptionLoad.sendAll(kafka.bootstrapServers(), List.of(new ProducerRecord<>(topics.get(0), 0, key, value),
                new ProducerRecord<>(topics.get(0), 0, nextId, CaptionLoad.caption(nextId))));
        PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), List.of(nextId), TIMEOUT);
        assertEquals(Set.of(), poses.missing(List.of(nextId)), "the caption behind is answered; log:\n"
                + service.output());
        assertTrue(service.isAlive(), "the service lives on");
        return PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(2), List.of(key), TIMEOUT).records().stream()
                .filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + "; log:\n" + service.output()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
