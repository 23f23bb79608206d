package dev.text2pose.serving.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * How the pipeline batches, bounds its memory, delivers and ages out records.
 *
 * @param maxBatchWait        how long the first record of a batch may wait for more before inference starts while
 *                            the model is idle; zero by default, because while the model is busy the next batch fills
 *                            up by itself, and waiting at low load only adds latency
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
     * No batch wait, 256 records in flight, exactly-once, 5-minute deadline, a random instance id, reload checks
     * every 10 s.
     */
    public static PipelineConfig defaults() {
        return builder().build();
    }

    /** A builder holding {@link #defaults()}: set what differs, by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().maxBatchWait(maxBatchWait).maxInFlightRecords(maxInFlightRecords).delivery(delivery)
                .maxRecordAge(maxRecordAge).instanceId(instanceId).modelReloadInterval(modelReloadInterval);
    }

    /** A fresh instance id, for instances that are not given a stable one. */
    public static String randomInstanceId() {
        return "text2pose-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A copy with another delivery mode. */
    public PipelineConfig withDelivery(DeliveryMode mode) {
        return toBuilder().delivery(mode).build();
    }

    /** A copy with another instance id. */
    public PipelineConfig withInstanceId(String id) {
        return toBuilder().instanceId(id).build();
    }

    /**
     * Named construction of a {@link PipelineConfig}; its initial values are the one place each default lives (the
     * command line shows them). Each setter sets the record component of its name.
     */
    public static final class Builder {
        // None: while the model is busy the next batch fills up by itself, so under load batches grow anyway, and at
        // low load a batch of a few records costs nearly as much per record as single ones (batch 1: 160 req/s,
        // batch 64: 261 req/s on the README's machine), so waiting for company only adds its wait to the latency.
        private Duration maxBatchWait = Duration.ZERO;
        // Four full batches: enough to keep inference busy, little enough to bound memory.
        private int maxInFlightRecords = 256;
        // A pose stream feeds animation systems that should not replay a motion twice.
        private DeliveryMode delivery = DeliveryMode.EXACTLY_ONCE;
        // A pose five minutes late is of no use to an interactive caller.
        private Optional<Duration> maxRecordAge = Optional.of(Duration.ofMinutes(5));
        private String instanceId = randomInstanceId();
        private Duration modelReloadInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder maxBatchWait(Duration value) {
            maxBatchWait = value;
            return this;
        }

        public Builder maxInFlightRecords(int value) {
            maxInFlightRecords = value;
            return this;
        }

        public Builder delivery(DeliveryMode value) {
            delivery = value;
            return this;
        }

        public Builder maxRecordAge(Optional<Duration> value) {
            maxRecordAge = value;
            return this;
        }

        public Builder instanceId(String value) {
            instanceId = value;
            return this;
        }

        public Builder modelReloadInterval(Duration value) {
            modelReloadInterval = value;
            return this;
        }

        /** @throws IllegalArgumentException when a value is out of its range */
        public PipelineConfig build() {
            return new PipelineConfig(maxBatchWait, maxInFlightRecords, delivery, maxRecordAge, instanceId,
                    modelReloadInterval);
        }
    }
}
