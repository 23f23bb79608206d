package dev.text2pose.serving.model;

import ai.onnx.proto.OnnxMl;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot reload from a watched folder: a broken bundle is refused and the old model keeps serving; a good one is checked
 * and swapped in mid-stream without dropping or repeating a request, and later poses carry its version.
 */
@ExtendWith(KafkaClusterExtension.class)
class HotReloadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aBrokenBundleIsRefusedAndAGoodOneIsSwappedInMidStream(KafkaCluster kafka, @TempDir Path models)
            throws Exception {
        byte[] shipped = shippedBundle();
        Path v1 = Files.write(models.resolve("v1.onnx"), shipped);
        Files.setLastModifiedTime(v1, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        List<String> topics = kafka.createTopics("reload", 4, "captions", "poses", "dlq");
        try (Text2PoseService service = Text2PoseService.start(TestServices.withModel(TestServices.config(
                kafka.bootstrapServers(), topics, "reload-" + topics.get(0), DeliveryMode.EXACTLY_ONCE, "reload"),
                models, Duration.ofHours(1)))) {
            String original = service.modelVersion();
            Files.write(models.resolve("v2-broken.onnx"), "not an onnx model".getBytes());
            assertFalse(service.reloadModelNow(), "a broken bundle is refused");
            assertEquals(original, service.modelVersion());
            List<String> before = CaptionLoad.ids("before", 20);
            CaptionLoad.send(kafka.bootstrapServers(), topics.get(0), before, 0);
            assertEquals(Set.of(original), versions(kafka, topics.get(1), before), "the old model keeps serving");

            String next = original + "-reloaded";
            Path v3 = Files.write(models.resolve("v3.onnx"), withVersion(shipped, next));
            Files.setLastModifiedTime(v3, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            List<String> during = CaptionLoad.ids("during", 300);
            CompletableFuture<Void> sending = CaptionLoad.sendInBackground(kafka.bootstrapServers(), topics.get(0),
                    during, 100);
            Await.until("the old model to serve part of the stream", TIMEOUT,
                    () -> TestServices.published(service) >= before.size() + 20);
            assertTrue(service.reloadModelNow(), "a good bundle is swapped in");
            sending.get(60, TimeUnit.SECONDS);
            assertEquals(next, service.modelVersion());

            PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), during, TIMEOUT);
            assertEquals(Set.of(), poses.missing(during), "no request dropped by the swap");
            assertEquals(0, poses.duplicated(during), "none repeated");
            assertEquals(Set.of(original, next), versions(kafka, topics.get(1), during), "both versions served");
            String metrics = Http.get(service.httpPort(), "/metrics").body();
            assertEquals(1.0, Http.metric(metrics, "text2pose_model_reloads_total{outcome=\"refused\"}"));
            assertEquals(1.0, Http.metric(metrics, "text2pose_model_reloads_total{outcome=\"loaded\"}"));
            assertTrue(metrics.contains("version=\"" + next + "\""), metrics);
        }
    }

    private static Set<String> versions(KafkaCluster kafka, String topic, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return PoseTopic.awaitKeys(kafka.bootstrapServers(), topic, ids, TIMEOUT).records().stream()
                .filter(r -> wanted.contains(r.key())).map(ConsumerRecord::value)
                .map(v -> EventCodec.poses().decode(v)).map(PoseEvent::getModelVersion).collect(Collectors.toSet());
    }

    private static byte[] shippedBundle() throws Exception {
        try (InputStream in = ModelBundle.class.getResourceAsStream(ModelBundle.DEFAULT_RESOURCE)) {
            return in.readAllBytes();
        }
    }

    /** The same generator with another {@code text2pose.model_version} in its metadata: a second valid bundle. */
    private static byte[] withVersion(byte[] onnx, String version) throws Exception {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.parseFrom(onnx).toBuilder();
        for (int i = 0; i < model.getMetadataPropsCount(); i++) {
            if (model.getMetadataProps(i).getKey().equals("text2pose.model_version")) {
                model.setMetadataProps(i, OnnxMl.StringStringEntryProto.newBuilder()
                        .setKey("text2pose.model_version").setValue(version));
            }
        }
        return model.build().toByteArray();
    }
}
