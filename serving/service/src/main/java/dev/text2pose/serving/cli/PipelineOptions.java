package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;

/** How the running service batches, bounds memory, delivers, ages out records and watches for new models. */
final class PipelineOptions {

    private static final ServiceConfig DEFAULTS = ServiceConfig.defaults();
    private static final PipelineConfig PIPELINE = DEFAULTS.pipeline();

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:TEXT2POSE_PARTITIONS}",
            description = "Partitions of topics the service creates; caps the useful instance count.")
    int partitions = DEFAULTS.topicPartitions();

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "${env:TEXT2POSE_MAX_WAIT_MS}",
            description = "How long the first record of a batch waits for more.")
    long maxWaitMs = PIPELINE.maxBatchWait().toMillis();

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "${env:TEXT2POSE_MAX_IN_FLIGHT}",
            description = "Records held in memory before partitions are paused.")
    int maxInFlight = PIPELINE.maxInFlightRecords();

    @Option(names = "--delivery", paramLabel = "MODE", defaultValue = "${env:TEXT2POSE_DELIVERY}",
            description = "exactly-once (Kafka transactions; readers use read_committed) or at-least-once "
                    + "(idempotent producer; readers dedupe by request id).")
    DeliveryMode delivery = PIPELINE.delivery();

    @Option(names = "--max-age-ms", paramLabel = "MS", defaultValue = "${env:TEXT2POSE_MAX_AGE_MS}",
            description = "Records older than this are dead-lettered as EXPIRED instead of served late; 0 = never.")
    long maxAgeMs = PIPELINE.maxRecordAge().map(Duration::toMillis).orElse(0L);

    @Option(names = "--instance-id", paramLabel = "NAME", defaultValue = "${env:TEXT2POSE_INSTANCE_ID}",
            description = "Stable name of this instance (e.g. the pod name), part of its transactional.id; "
                    + "absent: a random one.")
    String instanceId;

    @Option(names = "--model-reload-interval-ms", paramLabel = "MS", defaultValue = "${env:TEXT2POSE_MODEL_RELOAD_INTERVAL_MS}",
            description = "How often --model is checked for a new bundle.")
    long reloadIntervalMs = PIPELINE.modelReloadInterval().toMillis();

    void applyTo(ServiceConfig.Builder config) {
        PipelineConfig.Builder pipeline = PipelineConfig.builder().maxBatchWait(Duration.ofMillis(maxWaitMs))
                .maxInFlightRecords(maxInFlight).delivery(delivery)
                .maxRecordAge(maxAgeMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(maxAgeMs)))
                .modelReloadInterval(Duration.ofMillis(reloadIntervalMs));
        if (instanceId != null && !instanceId.isBlank()) {
            pipeline.instanceId(instanceId);
        }
        config.topicPartitions(partitions).pipeline(pipeline.build());
    }
}
