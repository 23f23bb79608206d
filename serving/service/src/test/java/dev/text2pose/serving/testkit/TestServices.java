package dev.text2pose.serving.testkit;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        PipelineConfig pipeline = PipelineConfig.defaults().withDelivery(delivery).withInstanceId(instanceId);
        return new ServiceConfig(Optional.of(bootstrapServers), ServiceConfig.EmbeddedBrokerConfig.defaults(),
                topics.get(0), topics.get(1), topics.get(2), groupId, 4, Optional.empty(), ExecutionProvider.CPU, 1,
                64, pipeline, "127.0.0.1", 0, Map.of(), false);
    }

    /** The same config serving the model at {@code modelPath}, checked for new bundles every {@code interval}. */
    public static ServiceConfig withModel(ServiceConfig c, Path modelPath, Duration interval) {
        PipelineConfig p = c.pipeline();
        return new ServiceConfig(c.bootstrapServers(), c.embeddedBroker(), c.captionTopic(), c.poseTopic(),
                c.deadLetterTopic(), c.groupId(), c.topicPartitions(), Optional.of(modelPath), c.provider(),
                c.intraOpThreads(), c.maxBatchRecords(), new PipelineConfig(p.maxBatchWait(), p.maxInFlightRecords(),
                p.delivery(), p.maxRecordAge(), p.instanceId(), interval), c.httpHost(), c.httpPort(),
                c.kafkaProperties(), c.viewer());
    }

    /** The same config with a deadline on record age. */
    public static ServiceConfig withMaxAge(ServiceConfig c, Duration maxAge) {
        PipelineConfig p = c.pipeline();
        return c.withPipeline(new PipelineConfig(p.maxBatchWait(), p.maxInFlightRecords(), p.delivery(),
                Optional.of(maxAge), p.instanceId(), p.modelReloadInterval()));
    }

    /** The same config with extra Kafka client properties. */
    public static ServiceConfig withKafkaProperties(ServiceConfig c, Map<String, String> properties) {
        return new ServiceConfig(c.bootstrapServers(), c.embeddedBroker(), c.captionTopic(), c.poseTopic(),
                c.deadLetterTopic(), c.groupId(), c.topicPartitions(), c.modelPath(), c.provider(),
                c.intraOpThreads(), c.maxBatchRecords(), c.pipeline(), c.httpHost(), c.httpPort(), properties,
                c.viewer());
    }

    /** Requests the in-process {@code service} has answered so far. */
    public static double published(dev.text2pose.serving.Text2PoseService service) {
        return service.metrics().registry().get("text2pose.poses.published").counter().count();
    }
}
