package dev.text2pose.serving.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * How the pipeline batches, bounds its memory, delivers and ages out records.
 *
 * @param maxBatchWait        how long the first record of a batch may wait for more before inference starts; small,
 *                            because while the model is busy the next batch fills up by itself
 * @param maxInFlightRecords  records held in memory (buffered plus in inference); past it the partitions are paused
 *                            and the rest waits in Kafka as lag; a poll can overshoot it by one batch
 * @param delivery            exactly-once (transactions) or at-least-once (idempotent producer)
 * @param maxRecordAge        a record older than this (by its Kafka timestamp) when its batch starts is dead-lettered
 *                            as EXPIRED instead of served late; empty serves every record however old
 * @param instanceId          this instance's name, part of its {@code transactional.id}: give a restarted instance the
 *                            same name (a pod name) so it fences its predecessor's open transaction at once
 * @param modelReloadInterval how often a model path given in config is checked for a new bundle
 */
public record PipelineConfig(
        Duration maxBatchWait,
        int maxInFlightRecords,
        DeliveryMode delivery,
        Optional<Duration> maxRecordAge,
        String instanceId,
        Duration modelReloadInterval) {

    public PipelineConfig {
        if (maxBatchWait.isNegative()) {
            throw new IllegalArgumentException("maxBatchWait must not be negative, got " + maxBatchWait);
        }
        if (maxInFlightRecords < 1) {
            throw new IllegalArgumentException("maxInFlightRecords must be at least 1, got " + maxInFlightRecords);
        }
        maxRecordAge.ifPresent(age -> {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxRecordAge must be positive (or absent), got " + age);
            }
        });
        if (instanceId.isBlank() || !instanceId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("instanceId must be letters, digits, '.', '_' or '-', got '"
                    + instanceId + "'");
        }
        if (modelReloadInterval.isNegative() || modelReloadInterval.isZero()) {
            throw new IllegalArgumentException("modelReloadInterval must be positive, got " + modelReloadInterval);
        }
    }

    /**
     * 5 ms batch wait, 256 records in flight, exactly-once, 5-minute deadline, a random instance id, reload checks
     * every 10 s.
     */
    public static PipelineConfig defaults() {
        return new PipelineConfig(Duration.ofMillis(5), 256, DeliveryMode.EXACTLY_ONCE,
                Optional.of(Duration.ofMinutes(5)), randomInstanceId(), Duration.ofSeconds(10));
    }

    /** A fresh instance id, for instances that are not given a stable one. */
    public static String randomInstanceId() {
        return "text2pose-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A copy with another delivery mode. */
    public PipelineConfig withDelivery(DeliveryMode mode) {
        return new PipelineConfig(maxBatchWait, maxInFlightRecords, mode, maxRecordAge, instanceId,
                modelReloadInterval);
    }

    /** A copy with another instance id. */
    public PipelineConfig withInstanceId(String id) {
        return new PipelineConfig(maxBatchWait, maxInFlightRecords, delivery, maxRecordAge, id, modelReloadInterval);
    }
}
