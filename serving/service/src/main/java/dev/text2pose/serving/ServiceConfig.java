package dev.text2pose.serving;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.ShippedBundle;
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
 *                          which are hot-reloaded; empty serves {@code shippedModel}
 * @param shippedModel      the bundle shipped inside the service that serves when there is no {@code modelPath}
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
        ShippedBundle shippedModel,
        ExecutionProvider provider,
        int intraOpThreads,
        int maxBatchRecords,
        PipelineConfig pipeline,
        String httpHost,
        int httpPort,
        Map<String, String> kafkaProperties,
        boolean viewer) {

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
        return builder().build();
    }

    /** A builder holding {@link #defaults()}: set what differs, by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().bootstrapServers(bootstrapServers).embeddedBroker(embeddedBroker)
                .captionTopic(captionTopic).poseTopic(poseTopic).deadLetterTopic(deadLetterTopic).groupId(groupId)
                .topicPartitions(topicPartitions).modelPath(modelPath).shippedModel(shippedModel).provider(provider)
                .intraOpThreads(intraOpThreads).maxBatchRecords(maxBatchRecords).pipeline(pipeline)
                .httpHost(httpHost).httpPort(httpPort).kafkaProperties(kafkaProperties).viewer(viewer);
    }

    /** A copy with other pipeline settings. */
    public ServiceConfig withPipeline(PipelineConfig settings) {
        return toBuilder().pipeline(settings).build();
    }

    /** The config as log lines would show it: values of keys that look like secrets are masked. */
    @Override
    public String toString() {
        Map<String, String> masked = KafkaSecrets.masked(kafkaProperties);
        return "ServiceConfig[bootstrapServers=" + bootstrapServers.orElse("(embedded " + embeddedBroker + ")")
                + ", captionTopic=" + captionTopic + ", poseTopic=" + poseTopic + ", deadLetterTopic=" + deadLetterTopic
                + ", groupId=" + groupId + ", topicPartitions=" + topicPartitions
                + ", model=" + modelPath.map(Path::toString).orElse("(shipped " + shippedModel.id() + ")")
                + ", provider=" + provider
                + ", intraOpThreads=" + intraOpThreads + ", maxBatchRecords=" + maxBatchRecords + ", pipeline=" + pipeline
                + ", http=" + httpHost + ":" + httpPort + ", viewer=" + viewer + ", kafkaProperties=" + masked + "]";
    }

    /**
     * Named construction of a {@link ServiceConfig}. Its initial values are the one place each default lives: the
     * command line shows them and tests start from them, so a new option is one field here and one in the record. Each setter
     * sets the record component of its name.
     */
    public static final class Builder {
        // Empty: with nothing to connect to, the service starts its own broker, so a first run needs no Kafka.
        private Optional<String> bootstrapServers = Optional.empty();
        private EmbeddedBrokerConfig embeddedBroker = EmbeddedBrokerConfig.defaults();
        // Names of the product, so that several applications can share one cluster.
        private String captionTopic = "text2pose.captions";
        private String poseTopic = "text2pose.poses";
        private String deadLetterTopic = "text2pose.captions.dlq";
        private String groupId = "text2pose-serving";
        // Four instances can share the work of topics the service creates; existing topics are never changed.
        private int topicPartitions = 4;
        // Empty serves a bundle shipped inside the jar.
        private Optional<Path> modelPath = Optional.empty();
        private ShippedBundle shippedModel = ShippedBundle.DEFAULT;
        // The same jar serves on laptops and GPU nodes.
        private ExecutionProvider provider = ExecutionProvider.AUTO;
        // ONNX Runtime's own choice, one thread per core.
        private int intraOpThreads = 0;
        // Large enough to amortise a generator call, small enough that one batch stays a few milliseconds.
        private int maxBatchRecords = 64;
        private PipelineConfig pipeline = PipelineConfig.defaults();
        // Loopback: health, metrics and the viewer are exposed on purpose only (containers set 0.0.0.0).
        private String httpHost = "127.0.0.1";
        private int httpPort = 8080;
        private Map<String, String> kafkaProperties = Map.of();
        // On: the viewer is the quickest way to see the model; turn it off where others reach the port.
        private boolean viewer = true;

        private Builder() {
        }

        public Builder bootstrapServers(Optional<String> value) {
            bootstrapServers = value;
            return this;
        }

        public Builder embeddedBroker(EmbeddedBrokerConfig value) {
            embeddedBroker = value;
            return this;
        }

        public Builder captionTopic(String value) {
            captionTopic = value;
            return this;
        }

        public Builder poseTopic(String value) {
            poseTopic = value;
            return this;
        }

        public Builder deadLetterTopic(String value) {
            deadLetterTopic = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        public Builder topicPartitions(int value) {
            topicPartitions = value;
            return this;
        }

        public Builder modelPath(Optional<Path> value) {
            modelPath = value;
            return this;
        }

        public Builder shippedModel(ShippedBundle value) {
            shippedModel = value;
            return this;
        }

        public Builder provider(ExecutionProvider value) {
            provider = value;
            return this;
        }

        public Builder intraOpThreads(int value) {
            intraOpThreads = value;
            return this;
        }

        public Builder maxBatchRecords(int value) {
            maxBatchRecords = value;
            return this;
        }

        public Builder pipeline(PipelineConfig value) {
            pipeline = value;
            return this;
        }

        public Builder httpHost(String value) {
            httpHost = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder kafkaProperties(Map<String, String> value) {
            kafkaProperties = value;
            return this;
        }

        public Builder viewer(boolean value) {
            viewer = value;
            return this;
        }

        /** @throws IllegalArgumentException when a value is out of its range */
        public ServiceConfig build() {
            return new ServiceConfig(bootstrapServers, embeddedBroker, captionTopic, poseTopic, deadLetterTopic,
                    groupId, topicPartitions, modelPath, shippedModel, provider, intraOpThreads, maxBatchRecords, pipeline,
                    httpHost, httpPort, kafkaProperties, viewer);
        }
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
