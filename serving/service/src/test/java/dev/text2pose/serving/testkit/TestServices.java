package dev.text2pose.serving.testkit;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** Service configs for tests: a given cluster and topics, CPU with one thread, HTTP on a free port. */
public final class TestServices {

    private TestServices() {
    }

    /**
     * @param topics caption, pose and dead-letter topic, in that order
     */
    public static ServiceConfig config(String bootstrapServers, List<String> topics, String groupId,
                                       DeliveryMode delivery, String instanceId) {
        return ServiceConfig.builder().bootstrapServers(Optional.of(bootstrapServers)).captionTopic(topics.get(0))
                .poseTopic(topics.get(1)).deadLetterTopic(topics.get(2)).groupId(groupId)
                .provider(ExecutionProvider.CPU).intraOpThreads(1).httpPort(0).viewer(false)
                .pipeline(PipelineConfig.builder().delivery(delivery).instanceId(instanceId).build()).build();
    }

    /** The same config serving the model at {@code modelPath}, checked for new bundles every {@code interval}. */
    public static ServiceConfig withModel(ServiceConfig c, Path modelPath, Duration interval) {
        return c.toBuilder().modelPath(Optional.of(modelPath))
                .pipeline(c.pipeline().toBuilder().modelReloadInterval(interval).build()).build();
    }

    /** The same config with a deadline on record age. */
    public static ServiceConfig withMaxAge(ServiceConfig c, Duration maxAge) {
        return c.withPipeline(c.pipeline().toBuilder().maxRecordAge(Optional.of(maxAge)).build());
    }

    /** The same config with extra Kafka client properties. */
    public static ServiceConfig withKafkaProperties(ServiceConfig c, Map<String, String> properties) {
        return c.toBuilder().kafkaProperties(properties).build();
    }

    /** Requests the in-process {@code service} has answered so far. */
    public static double published(dev.text2pose.serving.Text2PoseService service) {
        return service.metrics().registry().get("text2pose.poses.published").counter().count();
    }
}
