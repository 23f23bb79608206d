package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.DeadLetters;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.CraftedCaptions;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.ServiceProcess;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The contract of issue 12, byte for byte: each record below is dead-lettered with its reason and text, or
     * answered, as the README says.
     */
    @Test
    void theContractHoldsForCraftedBytes() throws Exception {
        EventCodec<CaptionEvent> codec = EventCodec.captions();
        byte[] valid = codec.encode(event("c-valid", "a person waving"));
        byte[] pose = EventCodec.poses().encode(PoseEvent.newBuilder().setRequestId("p").setModelVersion("v")
                .setSeed(1).setSamples(0).setFrames(0).setPoses(List.of()).setQueueWaitMs(0).setInferenceMs(0).build());
        byte[] utf8Id = CraftedCaptions.overwrite(codec.encode(event("c-utf8-XY", "a dog")), "XY",
                new byte[] {(byte) 0xC3, 'Y'});
        Map<String, byte[]> letters = new LinkedHashMap<>();
        letters.put("c-utf8-id", utf8Id);
        letters.put("c-trailing", Arrays.copyOf(valid, valid.length + 3));
        letters.put("c-truncated", Arrays.copyOf(valid, valid.length - 4));
        letters.put("c-fingerprint", pose);
        letters.put("c-invisible", codec.encode(event("c-invisible", "\u00A0\u200B\u3000")));
        letters.put("c-1001-emoji", codec.encode(event("c-1001-emoji", EMOJI.repeat(1001))));
        List<String> answered = List.of("c-fffd", "c-1000-emoji");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        letters.forEach((key, value) -> records.add(new ProducerRecord<>(topics.get(0), 0, key, value)));
        records.get(1).headers().add(DeadLetters.REASON, utf8("EXPIRED")).add(DeadLetters.SOURCE_OFFSET, utf8("9"));
        records.add(new ProducerRecord<>(topics.get(0), 0, "c-fffd", codec.encode(event("c-fffd", "a man \uFFFD"))));
        records.add(new ProducerRecord<>(topics.get(0), 0, "c-1000-emoji",
                codec.encode(event("c-1000-emoji", EMOJI.repeat(1000)))));
        CaptionLoad.sendAll(kafka.bootstrapServers(), records);
        sendRawKey(RAW_KEY, Arrays.copyOf(valid, valid.length + 1));

        PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), answered, TIMEOUT);
        assertEquals(Set.of(), poses.missing(answered), "log:\n" + service.output());
        PoseTopic dead = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(2), letters.keySet(), TIMEOUT);
        Map<String, String> errors = new HashMap<>();
        dead.records().forEach(r -> errors.put(r.key(), header(r, DeadLetters.REASON) + ": "
                + header(r, DeadLetters.ERROR)));
        assertError(errors, "c-utf8-id", "UNDECODABLE: requestId is not valid UTF-8");
        assertError(errors, "c-trailing", "UNDECODABLE: 3 trailing bytes after a complete body");
        assertError(errors, "c-truncated", "UNDECODABLE: truncated CaptionEvent body");
        assertError(errors, "c-fingerprint", "UNDECODABLE: unknown writer schema fingerprint: received "
                + HexFormat.ofDelimiter(" ").formatHex(pose, 2, 10) + ", expected "
                + HexFormat.ofDelimiter(" ").formatHex(valid, 2, 10));
        assertError(errors, "c-invisible", "INVALID_REQUEST: caption must not be blank");
        assertError(errors, "c-1001-emoji", "UNDECODABLE: CaptionEvent body refused before allocating, string: "
                + "claimed length 4004 exceeds limit 4000 bytes"); // 1,001 code points of 4 bytes each
        ConsumerRecord<String, byte[]> forged = dead.records().stream().filter(r -> r.key().equals("c-trailing"))
                .findFirst().orElseThrow();
        assertEquals("UNDECODABLE", first(forged, DeadLetters.REASON), "the producer's reason header is dropped");
        assertEquals(1, count(forged, DeadLetters.SOURCE_OFFSET));
        assertArrayEquals(RAW_KEY, awaitRawKeyLetter().key(), "a key that is not UTF-8 comes back unchanged");
    }

    /** DNS rebinding: a page of a foreign name resolved to this host sends its name as Host and Origin. */
    @Test
    void theViewerRefusesForeignHostNames() throws Exception {
        String foreign = "rebind.example:" + service.httpPort();
        assertEquals(403, status("/", foreign, "http://" + foreign));
        assertEquals(403, status("/viewer/api/info", "127.0.0.1:" + service.httpPort(), "http://" + foreign));
        assertEquals(200, status("/", "localhost:" + service.httpPort(), null));
        assertEquals(200, status("/viewer/api/info", "127.0.0.1:" + service.httpPort(),
                "http://127.0.0.1:" + service.httpPort()));
        assertEquals(200, status("/health/live", foreign, null), "health checks are not the viewer's");
    }

    private static final String EMOJI = "\uD83D\uDE00";
    private static final byte[] RAW_KEY = {'k', (byte) 0xC3, '(', (byte) 0xFF};
    private static final String RAW_KEY_MARK = "test.raw-key";

    private static CaptionEvent event(String id, String caption) {
        return CaptionEvent.newBuilder().setRequestId(id).setCaption(caption).build();
    }

    private static void sendRawKey(byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.get(0), 0, key, value);
            record.headers().add(RAW_KEY_MARK, utf8("1"));
            producer.send(record).get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitRawKeyLetter() {
        return TopicReader.readRawKeys(kafka.bootstrapServers(), topics.get(2),
                        read -> read.stream().anyMatch(r -> r.headers().lastHeader(RAW_KEY_MARK) != null), TIMEOUT)
                .stream().filter(r -> r.headers().lastHeader(RAW_KEY_MARK) != null).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for the raw key; log:\n" + service.output()));
    }

    private static void assertError(Map<String, String> errors, String key, String expected) {
        String actual = errors.get(key);
        assertTrue(actual != null && actual.startsWith(expected), key + ": " + actual + "; log:\n"
                + (actual == null ? service.output() : ""));
    }

    private static int status(String path, String host, String origin) throws Exception {
        return Http.statusWithHost(service.httpPort(), path, host, origin);
    }

    private static String first(ConsumerRecord<?, byte[]> record, String name) {
        return new String(record.headers().headers(name).iterator().next().value(), StandardCharsets.UTF_8);
    }

    private static long count(ConsumerRecord<?, byte[]> record, String name) {
        return java.util.stream.StreamSupport.stream(record.headers().headers(name).spliterator(), false).count();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
