package dev.text2pose.serving;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.kafka.KafkaSecrets;
import dev.text2pose.serving.pipeline.PipelineConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the service needs to run, as typed values. Only the command line reads flags and the environment;
 * the rest of the service receives this record.
 *
 * @param bootstrapServers  the Kafka cluster to use; empty starts an embedded single-node broker instead
 * @param embeddedBroker    where and on which port the embedded broker runs, when there is no cluster address
 * @param captionTopic      topic the caption events are read from
 * @param poseTopic         topic the pose events are written to, keyed by request id
 * @param deadLetterTopic   topic for records that cannot be served, with the reason in headers
 * @param groupId           consumer group; instances with the same group split the caption partitions
 * @param topicPartitions   partitions for topics the service creates (it creates missing topics only); the number of
 *                          partitions caps how many instances share the work
 * @param modelPath         model bundle (.onnx), or a folder whose newest .onnx is served; watched for new bundles,
 *                          which are hot-reloaded; empty serves the bundle shipped inside the service
 * @param provider          ONNX Runtime execution provider: AUTO picks CUDA when a GPU is usable, else CPU
 * @param intraOpThreads    ONNX Runtime threads per session; 0 lets ONNX Runtime choose
 * @param maxBatchRecords   most caption records served as one inference batch
 * @param pipeline          batching wait, in-flight bound, delivery mode, deadline, instance id, reload interval
 * @param httpHost          address of the health endpoints; loopback unless exposed on purpose
 * @param httpPort          port of the health endpoints; 0 picks a free one
 * @param kafkaProperties   extra Kafka client properties (security, timeouts...), applied to every client
 * @param viewer            whether the HTTP server also serves the web viewer, which produces captions and reads
 *                          poses with the same Kafka properties; off where the HTTP port is reachable by others
 */
public record ServiceConfig(
        Optional<String> bootstrapServers,
        EmbeddedBrokerConfig embeddedBroker,
        String captionTopic,
        String poseTopic,
        String deadLetterTopic,
        String groupId,
        int topicPartitions,
        Optional<Path> modelPath,
        ExecutionProvider provider,
        int intraOpThreads,
        int maxBatchRecords,
        PipelineConfig pipeline,
        String httpHost,
        int httpPort,
        Map<String, String> kafkaProperties,
        boolean viewer) {

    public static final String DEFAULT_CAPTION_TOPIC = "text2pose.captions";
    public static final String DEFAULT_POSE_TOPIC = "text2pose.poses";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "text2pose.captions.dlq";
    public static final String DEFAULT_GROUP_ID = "text2pose-serving";

    public ServiceConfig {
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topicPartitions must be at least 1, got " + topicPartitions);
        }
        if (maxBatchRecords < 1) {
            throw new IllegalArgumentException("maxBatchRecords must be at least 1, got " + maxBatchRecords);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (automatic) or more, got " + intraOpThreads);
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** The defaults: embedded broker, shipped model, automatic provider, health and viewer on 127.0.0.1:8080. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(Optional.empty(), EmbeddedBrokerConfig.defaults(), DEFAULT_CAPTION_TOPIC,
                DEFAULT_POSE_TOPIC, DEFAULT_DEAD_LETTER_TOPIC, DEFAULT_GROUP_ID, 4, Optional.empty(),
                ExecutionProvider.AUTO, 0, 64, PipelineConfig.defaults(), "127.0.0.1", 8080, Map.of(), true);
    }

    /** A copy with other pipeline settings. */
    public ServiceConfig withPipeline(PipelineConfig settings) {
        return new ServiceConfig(bootstrapServers, embeddedBroker, captionTopic, poseTopic, deadLetterTopic,
                groupId, topicPartitions, modelPath, provider, intraOpThreads, maxBatchRecords, settings, httpHost,
                httpPort, kafkaProperties, viewer);
    }

    /** The config as log lines would show it: values of keys that look like secrets are masked. */
    @Override
    public String toString() {
        Map<String, String> masked = KafkaSecrets.masked(kafkaProperties);
        return "ServiceConfig[bootstrapServers=" + bootstrapServers.orElse("(embedded " + embeddedBroker + ")")
                + ", captionTopic=" + captionTopic + ", poseTopic=" + poseTopic + ", deadLetterTopic=" + deadLetterTopic
                + ", groupId=" + groupId + ", topicPartitions=" + topicPartitions
                + ", model=" + modelPath.map(Path::toString).orElse("(shipped default)") + ", provider=" + provider
                + ", intraOpThreads=" + intraOpThreads + ", maxBatchRecords=" + maxBatchRecords + ", pipeline=" + pipeline
                + ", http=" + httpHost + ":" + httpPort + ", viewer=" + viewer + ", kafkaProperties=" + masked + "]";
    }

    /**
     * The embedded broker's settings.
     *
     * @param dataDir   folder for the broker's config, log segments and its own log file; kept across runs
     * @param port      client port on 127.0.0.1; the controller listens on {@code port + 1}
     */
    public record EmbeddedBrokerConfig(Path dataDir, int port) {

        /** {@code ~/.text2pose/kafka} on port 9092, the usual Kafka port, so other clients find it. */
        public static EmbeddedBrokerConfig defaults() {
            return new EmbeddedBrokerConfig(Path.of(System.getProperty("user.home"), ".text2pose", "kafka"), 9092);
        }

        @Override
        public String toString() {
            return dataDir + " on 127.0.0.1:" + port;
        }
    }
}
