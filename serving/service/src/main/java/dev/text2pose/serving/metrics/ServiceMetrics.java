package dev.text2pose.serving.metrics;

import dev.text2pose.schema.DeadLetters;
import dev.text2pose.serving.model.ServingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter the service publishes, named once here (Prometheus names in brackets):
 * <ul>
 *   <li>{@code text2pose_poses_published_total}: requests answered (throughput is its rate);</li>
 *   <li>{@code text2pose_dead_letters_total{reason}}: records dead-lettered, by {@link DeadLetters.Reason};</li>
 *   <li>{@code text2pose_end_to_end_latency_seconds}: histogram, caption record timestamp to committed pose;</li>
 *   <li>{@code text2pose_inference_latency_seconds}: histogram, encoder plus generator time per batch;</li>
 *   <li>the stages of that latency, as percentile histograms: {@code text2pose_stage_polled_seconds} (caption record
 *       timestamp to the poll that returned it) and {@code text2pose_stage_batch_wait_seconds} (poll to its batch's
 *       inference start) per request; {@code text2pose_stage_acknowledged_seconds} (a batch's first send to every
 *       record acknowledged) and {@code text2pose_stage_commit_seconds} (then to its offsets committed, in
 *       exactly-once the transaction commit) per batch;</li>
 *   <li>{@code text2pose_batch_size_records}: histogram of records per batch;</li>
 *   <li>{@code text2pose_consumer_lag_records}: records behind the end of the assigned caption partitions;</li>
 *   <li>{@code text2pose_in_flight_records}, {@code text2pose_paused_partitions}: backpressure state;</li>
 *   <li>{@code text2pose_batch_retries_total{cause}}: batches aborted or rewound to be served again;</li>
 *   <li>{@code text2pose_model_info{version,provider}} = 1: the serving model and its execution provider
 *       (CUDA or CPU);</li>
 *   <li>{@code text2pose_model_reloads_total{outcome="loaded"|"refused"}}: hot reloads;</li>
 *   <li>plus JVM memory, threads and CPU.</li>
 * </ul>
 * Thread-safe: meters are.
 */
public final class ServiceMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Counter published;
    private final Map<DeadLetters.Reason, Counter> deadLetters = new EnumMap<>(DeadLetters.Reason.class);
    private final Timer endToEnd;
    private final Timer inference;
    private final Timer polled;
    private final Timer batchWait;
    private final Timer acknowledged;
    private final Timer committed;
    private final DistributionSummary batchSize;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final MultiGauge modelInfo;

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        published = Counter.builder("text2pose.poses.published").description("Requests answered with a pose event")
                .register(registry);
        for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
            deadLetters.put(reason, Counter.builder("text2pose.dead.letters").tag("reason", reason.name())
                    .description("Records sent to the dead-letter topic").register(registry));
        }
        endToEnd = Timer.builder("text2pose.end.to.end.latency").serviceLevelObjectives(LATENCY_BUCKETS)
                .description("Caption record timestamp to committed pose").register(registry);
        inference = Timer.builder("text2pose.inference.latency").serviceLevelObjectives(LATENCY_BUCKETS)
                .description("Encoder plus generator time of one batch").register(registry);
        polled = stage("polled", "Caption record timestamp to the poll that returned it");
        batchWait = stage("batch.wait", "Poll to the start of the request's batch inference");
        acknowledged = stage("acknowledged", "A batch's first send to every record acknowledged");
        committed = stage("commit", "Every record of a batch acknowledged to its offsets committed");
        batchSize = DistributionSummary.builder("text2pose.batch.size").baseUnit("records")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
                .description("Records per inference batch").register(registry);
        Gauge.builder("text2pose.consumer.lag", lag, AtomicLong::get).baseUnit("records")
                .description("Records behind the end of the assigned caption partitions").register(registry);
        Gauge.builder("text2pose.in.flight", inFlight, AtomicLong::get).baseUnit("records")
                .description("Records held in memory: waiting for a batch or in inference").register(registry);
        Gauge.builder("text2pose.paused.partitions", paused, AtomicLong::get)
                .description("Caption partitions paused by backpressure").register(registry);
        modelInfo = MultiGauge.builder("text2pose.model.info")
                .description("1 for the serving model version and the execution provider it runs on")
                .register(registry);
        for (String outcome : List.of("loaded", "refused")) {
            reloads(outcome);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A batch was published and committed. */
    public void batchCommitted(int poses, Map<DeadLetters.Reason, Integer> letters, List<Long> servedTimestamps) {
        published.increment(poses);
        letters.forEach((reason, count) -> deadLetters.get(reason).increment(count));
        long now = System.currentTimeMillis();
        for (long timestamp : servedTimestamps) {
            endToEnd.record(Math.max(0, now - timestamp), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One served request's stages before inference.
     *
     * @param captionTimestampMs the caption record's timestamp
     * @param polledMicros       when it was polled, epoch microseconds
     * @param startedMicros      when its batch's inference started, epoch microseconds
     */
    public void requestStaged(long captionTimestampMs, long polledMicros, long startedMicros) {
        polled.record(Math.max(0, polledMicros - captionTimestampMs * 1_000), TimeUnit.MICROSECONDS);
        batchWait.record(Math.max(0, startedMicros - polledMicros), TimeUnit.MICROSECONDS);
    }

    /** One batch's publication: send to acknowledged, then acknowledged to committed. */
    public void batchPublished(long acknowledgedNanos, long committedNanos) {
        acknowledged.record(acknowledgedNanos, TimeUnit.NANOSECONDS);
        committed.record(committedNanos, TimeUnit.NANOSECONDS);
    }

    /** One batch's inference. */
    public void batchInferred(int records, long nanos) {
        batchSize.record(records);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A batch that will be served again, and why (the failure's class). */
    public void batchRetried(String cause) {
        Counter.builder("text2pose.batch.retries").tag("cause", cause)
                .description("Batches aborted or rewound to be served again").register(registry).increment();
    }

    public void consumerState(long lagRecords, long inFlightRecords, long pausedPartitions) {
        lag.set(lagRecords);
        inFlight.set(inFlightRecords);
        paused.set(pausedPartitions);
    }

    /** The model that serves now, after start or a reload. */
    public void modelServing(ServingModel model) {
        modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", model.version(),
                "provider", model.provider().name()), 1)), true);
    }

    /** A hot reload's outcome; {@code serving} is the model serving afterwards. */
    public void modelReloaded(boolean loaded, ServingModel serving) {
        reloads(loaded ? "loaded" : "refused").increment();
        modelServing(serving);
    }

    /** A stage timer with a percentile histogram, so p50/p90/p99 over any interval come from two snapshots. */
    private Timer stage(String name, String description) {
        return Timer.builder("text2pose.stage." + name).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .description(description).register(registry);
    }

    private Counter reloads(String outcome) {
        return Counter.builder("text2pose.model.reloads").tag("outcome", outcome)
                .description("New model bundles loaded or refused").register(registry);
    }
}
