package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, item 5: heavy requests (16 samples x 60 frames, the largest) on one partition, small captions behind them
 * on another. The small ones pass the heavy ones: in the pose topic (one partition, so in commit order) every small
 * answer comes before the second heavy answer, whatever the timing. Before batches were bounded by cost, all of them
 * made one batch and the small answers waited for every heavy one.
 */
@ExtendWith(KafkaClusterExtension.class)
class HeavyRequestsIT {

    private static final int HEAVY = 3;
    private static final int SMALL = 10;

    @Test
    void smallCaptionsBehindHeavyOnesAreAnsweredFirst(KafkaCluster kafka) throws Exception {
        String captions = kafka.createTopics("heavy", 2, "captions").get(0);
        List<String> outputs = kafka.createTopics("heavy", 1, "poses", "dlq");
        List<String> topics = List.of(captions, outputs.get(0), outputs.get(1));
        List<String> heavy = CaptionLoad.ids("heavy", HEAVY);
        List<String> small = CaptionLoad.ids("small", SMALL);
        CaptionLoad.sendAll(kafka.bootstrapServers(),
                heavy.stream().map(id -> new ProducerRecord<>(captions, 0, id, largestRequest(id))).toList());
        CaptionLoad.sendAll(kafka.bootstrapServers(),
                small.stream().map(id -> new ProducerRecord<>(captions, 1, id, CaptionLoad.caption(id))).toList());
        List<String> all = new ArrayList<>(heavy);
        all.addAll(small);
        try (Text2PoseService service = Text2PoseService.start(TestServices.config(kafka.bootstrapServers(), topics,
                "heavy-" + captions, DeliveryMode.EXACTLY_ONCE, "heavy"))) {
            PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), all, Duration.ofSeconds(240));
            assertEquals(Set.of(), poses.missing(all), "every request answered");

            List<String> order = poses.records().stream().map(ConsumerRecord::key).toList();
            int secondHeavy = Math.max(order.indexOf("heavy-1"), order.indexOf("heavy-0"));
            for (String id : small) {
                assertTrue(order.indexOf(id) < secondHeavy, id + " waited for two heavy requests: " + order);
            }
            reportLargestRequest(poses);
        }
    }

    private static byte[] largestRequest(String id) {
        return EventCodec.captions().encode(CaptionEvent.newBuilder().setRequestId(id)
                .setCaption("a man swinging a tennis racket").setSamples(16).setSeed(3L)
                .setInterpolation(new Interpolation("a woman sitting behind a table", 60)).build());
    }

    /** What the largest request cost in this run: its answer's size and its batch's inference time (it was alone). */
    private static void reportLargestRequest(PoseTopic poses) {
        for (ConsumerRecord<String, byte[]> record : poses.records()) {
            if (record.key().startsWith("heavy")) {
                PoseEvent event = EventCodec.poses().decode(record.value());
                assertEquals(960, event.getPoses().size());
                System.out.printf("HeavyRequestsIT: %s, %d poses, %d bytes, inference %.0f ms%n", record.key(),
                        event.getPoses().size(), record.serializedValueSize(), event.getInferenceMs());
            }
        }
    }
}
