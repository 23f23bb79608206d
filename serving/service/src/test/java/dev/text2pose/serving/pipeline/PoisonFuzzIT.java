package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.DeadLetters;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.CraftedCaptions;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over a thousand malformed records of every kind, with good ones in between: each malformed one reaches the
 * dead-letter topic exactly once with its reason, every good one is answered, and the service stays ready. Also the
 * deadline (EXPIRED), the traceparent hand-over and the metrics that count all this.
 */
@ExtendWith(KafkaClusterExtension.class)
class PoisonFuzzIT {

    private static final EventCodec<CaptionEvent> CODEC = EventCodec.captions();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private static KafkaCluster kafka;
    private static List<String> topics;
    private static Text2PoseService service;

    @BeforeAll
    static void start(KafkaCluster cluster) {
        kafka = cluster;
        topics = cluster.createTopics("fuzz", 4, "captions", "poses", "dlq");
        service = Text2PoseService.start(TestServices.withMaxAge(TestServices.config(cluster.bootstrapServers(),
                topics, "fuzz-" + topics.get(0), DeliveryMode.EXACTLY_ONCE, "fuzz"), Duration.ofSeconds(60)));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyMalformedRecordIsDeadLetteredAndGoodOnesAreServed() {
        Random random = new Random(42);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        Map<String, String> reason = new HashMap<>();
        addAll(bad, reason, "random", 200, "UNDECODABLE", i -> randomBytes(random));
        addAll(bad, reason, "truncated", 150, "UNDECODABLE", i -> truncated(random, "truncated-" + i));
        addAll(bad, reason, "fingerprint", 150, "UNDECODABLE", i -> wrongFingerprint(random, "fingerprint-" + i));
        addAll(bad, reason, "corrupt", 50, "UNDECODABLE", i -> corruptBody(random, "corrupt-" + i));
        addAll(bad, reason, "null", 50, "UNDECODABLE", i -> null);
        addAll(bad, reason, "empty", 100, "INVALID_REQUEST", i -> encode("empty-" + i, i % 2 == 0 ? "" : " \t ", 1, null));
        addAll(bad, reason, "claim", 50, "UNDECODABLE", i -> absurdLength(random, "claim-" + i));
        addAll(bad, reason, "oversized", 50, "UNDECODABLE", i -> encode("oversized-" + i, "a".repeat(20_000), 1, null));
        addAll(bad, reason, "huge", 100, "INVALID_REQUEST", i -> encode("huge-" + i, "a".repeat(3_000), 1, null));
        addAll(bad, reason, "utf8", 100, "UNDECODABLE", i -> invalidUtf8("utf8-" + i));
        addAll(bad, reason, "range", 150, "INVALID_REQUEST", PoisonFuzzIT::outOfRange);
        List<String> good = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, byte[]> entry : bad.entrySet()) {
            records.add(new ProducerRecord<>(topics.get(0), "bad-" + entry.getKey(), entry.getValue()));
            if (++n % 10 == 0) {
                good.add("good-" + n);
                records.add(new ProducerRecord<>(topics.get(0), "good-" + n, CaptionLoad.caption("good-" + n)));
            }
        }
        send(records);

        List<String> badKeys = bad.keySet().stream().map(k -> "bad-" + k).toList();
        PoseTopic letters = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(2), badKeys, TIMEOUT);
        assertEquals(java.util.Set.of(), letters.missing(badKeys), "every malformed record is dead-lettered");
        assertEquals(0, letters.duplicated(badKeys), "each exactly once");
        for (ConsumerRecord<String, byte[]> letter : letters.records()) {
            if (letter.key().startsWith("bad-")) {
                String kind = letter.key().substring(4);
                assertEquals(reason.get(kind), header(letter, DeadLetters.REASON), kind);
                assertTrue(Arrays.equals(bad.get(kind), letter.value()), kind + ": original bytes kept");
            }
        }
        PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), good, TIMEOUT);
        assertEquals(java.util.Set.of(), poses.missing(good), "good records in between are all answered");
        assertEquals(200, Http.get(service.httpPort(), "/health/ready").statusCode());
        String metrics = Http.get(service.httpPort(), "/metrics").body();
        for (String r : List.of("UNDECODABLE", "INVALID_REQUEST")) {
            long expected = reason.values().stream().filter(r::equals).count();
            assertTrue(Http.metric(metrics, "text2pose_dead_letters_total{reason=\"" + r + "\"}") >= expected, metrics);
        }
        System.out.printf("PoisonFuzzIT: %d malformed records dead-lettered, %d good ones answered%n",
                badKeys.size(), good.size());
    }

    @Test
    void oldRecordsExpireAndTraceContextIsCarriedToThePose() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        ProducerRecord<String, byte[]> old = new ProducerRecord<>(topics.get(0), null,
                System.currentTimeMillis() - Duration.ofMinutes(10).toMillis(), "expired-1",
                CaptionLoad.caption("expired-1"));
        ProducerRecord<String, byte[]> traced = new ProducerRecord<>(topics.get(0), "traced-1",
                CaptionLoad.caption("traced-1"));
        traced.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(List.of(old, traced));

        ConsumerRecord<String, byte[]> letter = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(2),
                List.of("expired-1"), TIMEOUT).records().stream().filter(r -> r.key().equals("expired-1"))
                .findFirst().orElseThrow();
        assertEquals("EXPIRED", header(letter, DeadLetters.REASON));
        ConsumerRecord<String, byte[]> pose = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1),
                List.of("traced-1"), TIMEOUT).records().stream().filter(r -> r.key().equals("traced-1"))
                .findFirst().orElseThrow();
        assertEquals(traceparent, header(pose, "traceparent"));
        String metrics = Http.get(service.httpPort(), "/metrics").body();
        assertTrue(Http.metric(metrics, "text2pose_dead_letters_total{reason=\"EXPIRED\"}") >= 1, metrics);
        assertTrue(metrics.contains("text2pose_model_info{provider=\"CPU\""), metrics);
        assertTrue(Http.metric(metrics, "text2pose_end_to_end_latency_seconds_count") >= 1, metrics);
        assertTrue(metrics.contains("text2pose_consumer_lag_records"), metrics);
    }

    private static void addAll(Map<String, byte[]> bad, Map<String, String> reasons, String kind, int count,
                               String reason, java.util.function.IntFunction<byte[]> make) {
        for (int i = 0; i < count; i++) {
            bad.put(kind + "-" + i, make.apply(i));
            reasons.put(kind + "-" + i, reason);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 1 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01) {
            bytes[0] = 0;
        }
        return bytes;
    }

    private static byte[] truncated(Random random, String id) {
        byte[] valid = encode(id, "a person standing on a beach", 1, null);
        return Arrays.copyOf(valid, random.nextInt(valid.length));
    }

    private static byte[] wrongFingerprint(Random random, String id) {
        byte[] bytes = encode(id, "a person standing on a beach", 1, null);
        for (int i = 2; i < 10; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] corruptBody(Random random, String id) {
        byte[] bytes = encode(id, "a person", 1, null);
        byte[] body = new byte[20];
        random.nextBytes(body);
        body[0] = (byte) 0x81; // a negative, huge string length
        byte[] out = Arrays.copyOf(bytes, 10 + body.length);
        System.arraycopy(body, 0, out, 10, body.length);
        return out;
    }

    /** A request id claiming more bytes than any valid string may take (up to 2^31 - 9), then a valid body. */
    private static byte[] absurdLength(Random random, String id) {
        byte[] valid = encode(id, "a person", 1, null);
        long claim = CaptionRecordLimits.MAX_STRING_BYTES + 1 + (long) (random.nextDouble() * (Integer.MAX_VALUE - 8
                - CaptionRecordLimits.MAX_STRING_BYTES - 1));
        return CraftedCaptions.lengthClaim(claim, Arrays.copyOfRange(valid, 10, valid.length));
    }

    private static byte[] invalidUtf8(String id) {
        String placeholder = "PLACEHOLDERPLACEHOLDER";
        byte[] invalid = new byte[placeholder.length()];
        for (int i = 0; i < invalid.length; i++) {
            invalid[i] = (byte) (i % 2 == 0 ? 0xC3 : 0x28); // a lead byte followed by a non-continuation byte
        }
        return CraftedCaptions.overwrite(encode(id, placeholder, 1, null), placeholder, invalid);
    }

    private static byte[] outOfRange(int i) {
        String id = "range-" + i;
        return switch (i % 8) {
            case 0 -> encode(id, "a dog", 0, null);
            case 1 -> encode(id, "a dog", 17, null);
            case 2 -> encode(id, "a dog", -3, null);
            case 3 -> encode(id, "a dog", 1, new Interpolation("a cat", 1));
            case 4 -> encode(id, "a dog", 1, new Interpolation("a cat", 61));
            case 5 -> encode(id, "a dog", 1, new Interpolation(" ", 5));
            case 6 -> encode("", "a dog", 1, null);
            default -> encode("x".repeat(201), "a dog", 1, null);
        };
    }

    private static byte[] encode(String id, String caption, int samples, Interpolation interpolation) {
        return CODEC.encode(CaptionEvent.newBuilder().setRequestId(id).setCaption(caption).setSamples(samples)
                .setInterpolation(interpolation).build());
    }

    private static void send(List<ProducerRecord<String, byte[]>> records) {
        CaptionLoad.sendAll(kafka.bootstrapServers(), records);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
