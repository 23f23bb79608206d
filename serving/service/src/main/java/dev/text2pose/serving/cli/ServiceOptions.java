package dev.text2pose.serving.cli;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The service's settings as flags, each with an environment variable for containers. */
final class ServiceOptions {

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--data-dir", defaultValue = "${env:TEXT2POSE_DATA_DIR:-${sys:user.home}/.text2pose/kafka}",
            description = "Embedded broker's data folder (env TEXT2POSE_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--embedded-port", defaultValue = "${env:TEXT2POSE_EMBEDDED_PORT:-9092}",
            description = "Embedded broker's client port; the controller uses the next one (default ${DEFAULT-VALUE}).")
    int embeddedPort;

    @Option(names = "--caption-topic", defaultValue = "${env:TEXT2POSE_CAPTION_TOPIC:-" + ServiceConfig.DEFAULT_CAPTION_TOPIC + "}",
            description = "Topic to read captions from (default ${DEFAULT-VALUE}).")
    String captionTopic;

    @Option(names = "--pose-topic", defaultValue = "${env:TEXT2POSE_POSE_TOPIC:-" + ServiceConfig.DEFAULT_POSE_TOPIC + "}",
            description = "Topic to write poses to (default ${DEFAULT-VALUE}).")
    String poseTopic;

    @Option(names = "--dead-letter-topic",
            defaultValue = "${env:TEXT2POSE_DEAD_LETTER_TOPIC:-" + ServiceConfig.DEFAULT_DEAD_LETTER_TOPIC + "}",
            description = "Topic for records that cannot be served (default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--group-id", defaultValue = "${env:TEXT2POSE_GROUP_ID:-" + ServiceConfig.DEFAULT_GROUP_ID + "}",
            description = "Consumer group; instances in one group share the caption partitions (default ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--partitions", defaultValue = "${env:TEXT2POSE_PARTITIONS:-4}",
            description = "Partitions of topics the service creates; caps the useful instance count (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--model", defaultValue = "${env:TEXT2POSE_MODEL}",
            description = "Model bundle (.onnx), or a folder whose newest .onnx is served (env TEXT2POSE_MODEL); "
                    + "watched for new bundles, which are checked and hot-swapped. Default: the bundle shipped inside.")
    Path model;

    @Option(names = "--provider", defaultValue = "${env:TEXT2POSE_PROVIDER:-AUTO}",
            description = "ONNX Runtime execution provider: AUTO, CUDA or CPU (default ${DEFAULT-VALUE}).")
    String provider;

    @Option(names = "--threads", defaultValue = "${env:TEXT2POSE_THREADS:-0}",
            description = "ONNX Runtime intra-op threads; 0 = automatic (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-batch", defaultValue = "${env:TEXT2POSE_MAX_BATCH:-64}",
            description = "Most caption records served as one inference batch (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "${env:TEXT2POSE_MAX_WAIT_MS:-5}",
            description = "How long the first record of a batch waits for more (default ${DEFAULT-VALUE}).")
    long maxWaitMs;

    @Option(names = "--max-in-flight", defaultValue = "${env:TEXT2POSE_MAX_IN_FLIGHT:-256}",
            description = "Records held in memory before partitions are paused (default ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--delivery", defaultValue = "${env:TEXT2POSE_DELIVERY:-exactly-once}",
            description = "exactly-once (Kafka transactions; readers use read_committed) or at-least-once "
                    + "(idempotent producer; readers dedupe by request id) (default ${DEFAULT-VALUE}).")
    String delivery;

    @Option(names = "--max-age-ms", defaultValue = "${env:TEXT2POSE_MAX_AGE_MS:-300000}",
            description = "Records older than this are dead-lettered as EXPIRED instead of served late; 0 = never "
                    + "(default ${DEFAULT-VALUE}).")
    long maxAgeMs;

    @Option(names = "--instance-id", defaultValue = "${env:TEXT2POSE_INSTANCE_ID}",
            description = "Stable name of this instance (e.g. the pod name), part of its transactional.id; "
                    + "default: random (env TEXT2POSE_INSTANCE_ID).")
    String instanceId;

    @Option(names = "--model-reload-interval-ms", defaultValue = "${env:TEXT2POSE_MODEL_RELOAD_INTERVAL_MS:-10000}",
            description = "How often --model is checked for a new bundle (default ${DEFAULT-VALUE}).")
    long reloadIntervalMs;

    @Option(names = "--http-host", defaultValue = "${env:TEXT2POSE_HTTP_HOST:-127.0.0.1}",
            description = "Address of the health endpoints and the viewer (default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "${env:TEXT2POSE_HTTP_PORT:-8080}",
            description = "Port of the health endpoints; 0 = any free port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--viewer", negatable = true, defaultValue = "${env:TEXT2POSE_VIEWER:-true}", fallbackValue = "true",
            description = "Serve the web viewer at http://HOST:PORT/ (env TEXT2POSE_VIEWER; default ${DEFAULT-VALUE}). "
                    + "Turn it off where others can reach the HTTP port: it produces captions with the service's "
                    + "Kafka credentials.")
    boolean viewer;

    ServiceConfig toConfig() {
        Optional<String> servers = Optional.ofNullable(kafka.bootstrapServers).filter(s -> !s.isBlank());
        return new ServiceConfig(servers, new ServiceConfig.EmbeddedBrokerConfig(dataDir, embeddedPort),
                captionTopic, poseTopic, deadLetterTopic, groupId, partitions, Optional.ofNullable(model),
                ExecutionProvider.parse(provider), threads, maxBatch, pipeline(), httpHost, httpPort,
                kafka.clientProperties(), viewer);
    }

    private PipelineConfig pipeline() {
        return new PipelineConfig(Duration.ofMillis(maxWaitMs), maxInFlight, DeliveryMode.parse(delivery),
                maxAgeMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(maxAgeMs)),
                instanceId == null || instanceId.isBlank() ? PipelineConfig.randomInstanceId() : instanceId,
                Duration.ofMillis(reloadIntervalMs));
    }
}
