package dev.text2pose.serving.pipeline;

import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.DeadLetters;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.schema.KeypointValue;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.schema.PoseFrame;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.TopicReader;
import dev.text2pose.model.ExecutionProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spine end to end through a real broker: captions in, one pose event per request out, with the right shapes;
 * bad input on the dead-letter topic with its reason, and the service still serving afterwards.
 */
@ExtendWith(KafkaClusterExtension.class)
class RoundTripIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final EventCodec<CaptionEvent> CAPTIONS = EventCodec.captions();

    private static KafkaCluster kafka;
    private static String captionTopic;
    private static String poseTopic;
    private static String deadLetterTopic;
    private static Text2PoseService service;

    @BeforeAll
    static void startService(KafkaCluster cluster) {
        kafka = cluster;
        List<String> topics = cluster.createTopics("roundtrip", 4, "captions", "poses", "dlq");
        captionTopic = topics.get(0);
        poseTopic = topics.get(1);
        deadLetterTopic = topics.get(2);
        service = Text2PoseService.start(ServiceConfig.builder().bootstrapServers(Optional.of(cluster.bootstrapServers()))
                .captionTopic(captionTopic).poseTopic(poseTopic).deadLetterTopic(deadLetterTopic)
                .groupId("roundtrip-" + captionTopic).provider(ExecutionProvider.CPU).intraOpThreads(1).httpPort(0)
                .viewer(false).build());
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void fiftyCaptionsBecomeFiftyPoseEventsOfTheRightShape() {
        Map<String, CaptionEvent> sent = new LinkedHashMap<>();
        String[] captions = {"a man swinging a tennis racket", "a woman sitting behind a table",
                "a skier going down a slope", "a boy throwing a frisbee", "a person standing on a beach"};
        for (int i = 0; i < 50; i++) {
            CaptionEvent.Builder event = CaptionEvent.newBuilder().setRequestId("rt-" + i)
                    .setCaption(captions[i % captions.length]).setSamples(i % 7 == 0 ? 3 : 1);
            if (i == 10) {
                event.setInterpolation(new Interpolation("a man holding a surfboard", 5)).setSeed(7L);
            }
            sent.put(event.getRequestId(), event.build());
        }
        produce(sent.values().stream().map(e -> new ProducerRecord<>(captionTopic, e.getRequestId(),
                CAPTIONS.encode(e))).toList());

        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(kafka.bootstrapServers(), poseTopic,
                read -> read.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(sent.keySet()),
                TIMEOUT);
        Map<String, PoseEvent> poses = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!record.key().startsWith("rt-")) {
                continue; // answers to the other test's requests share the topic
            }
            PoseEvent event = EventCodec.poses().decode(record.value());
            assertEquals(event.getRequestId(), record.key(), "pose events are keyed by request id");
            assertStagesInOrder(record);
            poses.put(event.getRequestId(), event);
        }
        assertEquals(sent.keySet(), poses.keySet(), "every request answered, none invented");
        assertEquals(50, records.stream().filter(r -> r.key().startsWith("rt-")).count(), "each answered once");
        for (CaptionEvent request : sent.values()) {
            assertShape(request, poses.get(request.getRequestId()));
        }
        PoseEvent interpolation = poses.get("rt-10");
        assertEquals(7L, interpolation.getSeed());
        assertEquals(5, interpolation.getFrames());
        assertEquals(service.modelVersion(), interpolation.getModelVersion());
    }

    @Test
    void badInputGoesToTheDeadLetterTopicAndServingGoesOn() throws Exception {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        byte[] valid = CAPTIONS.encode(caption("ok", "a dog", 1, null));
        byte[] randomBytes = new byte[40];
        new Random(3).nextBytes(randomBytes);
        bad.put("random-bytes", randomBytes);
        bad.put("truncated", Arrays.copyOf(valid, valid.length - 3));
        bad.put("empty-caption", CAPTIONS.encode(caption("empty-caption", "   ", 1, null)));
        bad.put("long-caption", CAPTIONS.encode(caption("long-caption",
                "a".repeat(RequestLimits.MAX_CAPTION_CHARS + 1), 1, null)));
        bad.put("zero-samples", CAPTIONS.encode(caption("zero-samples", "a dog", 0, null)));
        bad.put("too-many-samples", CAPTIONS.encode(caption("too-many-samples", "a dog", 17, null)));
        bad.put("one-frame", CAPTIONS.encode(caption("one-frame", "a dog", 1, new Interpolation("a cat", 1))));
        bad.put("too-many-frames", CAPTIONS.encode(caption("too-many-frames", "a dog", 1, new Interpolation("a cat", 61))));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        bad.forEach((key, value) -> records.add(new ProducerRecord<>(captionTopic, key, value)));
        records.add(new ProducerRecord<>(captionTopic, "after-bad", CAPTIONS.encode(caption("after-bad", "a dog", 1, null))));
        produce(records);

        Map<String, ConsumerRecord<String, byte[]>> dead = TopicReader.read(kafka.bootstrapServers(), deadLetterTopic,
                bad.size(), TIMEOUT).stream().collect(Collectors.toMap(ConsumerRecord::key, r -> r));
        assertEquals(bad.keySet(), dead.keySet(), "each bad record is dead-lettered once");
        bad.forEach((key, value) -> {
            ConsumerRecord<String, byte[]> letter = dead.get(key);
            assertArrayEquals(value, letter.value(), key + ": the original bytes are kept");
            String reason = header(letter, DeadLetters.REASON);
            String expected = key.equals("random-bytes") || key.equals("truncated") ? "UNDECODABLE" : "INVALID_REQUEST";
            assertEquals(expected, reason, key);
            assertTrue(!header(letter, DeadLetters.ERROR).isBlank(), key + " has an explanation");
            assertEquals(captionTopic, header(letter, DeadLetters.SOURCE_TOPIC));
            Long.parseLong(header(letter, DeadLetters.SOURCE_OFFSET));
            Integer.parseInt(header(letter, DeadLetters.SOURCE_PARTITION));
        });
        assertTrue(TopicReader.read(kafka.bootstrapServers(), poseTopic, Integer.MAX_VALUE, Duration.ofSeconds(5))
                .stream().anyMatch(r -> r.key().equals("after-bad")), "a good record after bad ones is served");
        assertEquals(200, httpStatus("/health/ready"));
        assertEquals(200, httpStatus("/health/live"));
    }

    /** Polled, then started, then inferred, all before the pose record was written (its timestamp, in ms). */
    private static void assertStagesInOrder(ConsumerRecord<String, byte[]> pose) {
        StageTimes stages = StageTimes.of(pose.headers()).orElseThrow(() -> new AssertionError(
                "pose " + pose.key() + " lacks its " + StageTimes.HEADER + " header"));
        assertTrue(stages.polledMicros() <= stages.startedMicros(), stages + " polled after its batch started");
        assertTrue(stages.startedMicros() <= stages.inferredMicros(), stages + " inferred before it started");
        // The record's timestamp has millisecond resolution, so allow for it being truncated below the stage's time.
        assertTrue(stages.inferredMicros() <= pose.timestamp() * 1_000 + 1_000, stages + " inferred after the pose "
                + "record was written at " + pose.timestamp() + " ms");
    }

    private static void assertShape(CaptionEvent request, PoseEvent pose) {
        int frames = request.getInterpolation() == null ? 1 : request.getInterpolation().getFrames();
        assertEquals(request.getSamples(), pose.getSamples());
        assertEquals(frames, pose.getFrames());
        assertEquals(request.getSamples() * frames, pose.getPoses().size());
        for (int i = 0; i < pose.getPoses().size(); i++) {
            PoseFrame frame = pose.getPoses().get(i);
            assertEquals(i / frames, frame.getSample());
            assertEquals(i % frames, frame.getFrame());
            assertEquals(17, frame.getKeypoints().size());
            for (KeypointValue k : frame.getKeypoints()) {
                assertTrue(k.getX() >= 0 && k.getX() <= 1 && k.getY() >= 0 && k.getY() <= 1, "inside the frame");
                assertTrue(k.getConfidence() >= 0 && k.getConfidence() <= 1, "confidence in [0, 1]");
                assertEquals(k.getConfidence() > 0.2f, k.getPresent(), "present means confidence above 0.2");
            }
        }
        assertTrue(pose.getInferenceMs() > 0 && pose.getQueueWaitMs() >= 0);
    }

    private static CaptionEvent caption(String id, String text, int samples, Interpolation interpolation) {
        return CaptionEvent.newBuilder().setRequestId(id).setCaption(text).setSamples(samples)
                .setInterpolation(interpolation).build();
    }

    private static void produce(List<ProducerRecord<String, byte[]>> records) {
        CaptionLoad.sendAll(kafka.bootstrapServers(), records);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int httpStatus(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
