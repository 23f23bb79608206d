package dev.text2pose.serving;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.serving.http.HealthVerticle;
import dev.text2pose.serving.http.viewer.PoseViewer;
import dev.text2pose.serving.http.HttpRoutes;
import dev.text2pose.serving.http.MetricsRoutes;
import dev.text2pose.serving.http.Readiness;
import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.kafka.KafkaClientProperties;
import dev.text2pose.serving.kafka.KafkaReachability;
import dev.text2pose.serving.kafka.TopicCreator;
import dev.text2pose.serving.metrics.ServiceMetrics;
import dev.text2pose.serving.model.BundleLocation;
import dev.text2pose.serving.model.InferenceWorker;
import dev.text2pose.serving.model.ModelReloader;
import dev.text2pose.serving.model.ServingModel;
import dev.text2pose.serving.pipeline.AcknowledgedPublisher;
import dev.text2pose.serving.pipeline.BatchProcessor;
import dev.text2pose.serving.pipeline.BatchPublisher;
import dev.text2pose.serving.pipeline.CaptionPipeline;
import dev.text2pose.serving.pipeline.CaptionRecordLimits;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;
import dev.text2pose.serving.pipeline.PipelineWatchdog;
import dev.text2pose.serving.pipeline.TransactionalPublisher;
import dev.text2pose.text.MiniLmEncoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running text2pose instance: (embedded broker) -> topics -> model -> pipeline -> HTTP (health, metrics), plus
 * the model reloader when a model path is given. Start several with the same group id, in one JVM or many, and they
 * split the caption partitions between them.
 */
public final class Text2PoseService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Text2PoseService.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KAFKA_CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(1);

    /** The exit status of a process whose pipeline died, so that an orchestrator restarts it. */
    public static final int EXIT_PIPELINE_DEAD = 1;

    private final Optional<EmbeddedBroker> broker;
    private final String bootstrapServers;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private MiniLmEncoder encoder;
    private InferenceWorker worker;
    private ServiceMetrics metrics;
    private KafkaReachability kafka;
    private CaptionPipeline pipeline;
    private Thread pipelineThread;
    private PipelineWatchdog watchdog;
    private Optional<ModelReloader> reloader = Optional.empty();
    private Readiness readiness;
    private Vertx vertx;
    private HealthVerticle http;

    private Text2PoseService(Optional<EmbeddedBroker> broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts everything the config asks for; on failure, what was started is stopped again. */
    public static Text2PoseService start(ServiceConfig config) {
        LOG.info("Starting text2pose with {}", config);
        CaptionRecordLimits.install();
        Optional<EmbeddedBroker> broker = config.bootstrapServers().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedBroker.start(config.embeddedBroker().dataDir(), config.embeddedBroker().port()));
        Text2PoseService service = new Text2PoseService(broker,
                config.bootstrapServers().orElseGet(() -> broker.orElseThrow().bootstrapServers()));
        try {
            service.startParts(config);
            return service;
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            service.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("text2pose failed to start", e);
        }
    }

    private void startParts(ServiceConfig config) throws java.util.concurrent.TimeoutException {
        Map<String, String> extra = config.kafkaProperties();
        try (Admin admin = Admin.create(KafkaClientProperties.common(bootstrapServers, extra))) {
            TopicCreator.ensure(admin, List.of(config.captionTopic(), config.poseTopic(), config.deadLetterTopic()),
                    config.topicPartitions());
        }
        startModel(config);
        kafka = new KafkaReachability(KafkaClientProperties.common(bootstrapServers, extra), KAFKA_CHECK_INTERVAL)
                .start();
        startPipeline(config);
        readiness = new Readiness(checks());
        vertx = Vertx.vertx();
        List<HttpRoutes> routes = new ArrayList<>(List.of(new MetricsRoutes((PrometheusMeterRegistry) metrics.registry())));
        if (config.viewer()) {
            PoseViewer viewer = new PoseViewer(new PoseViewer.Settings(bootstrapServers, extra, config.captionTopic(),
                    config.poseTopic(), config.httpHost(), () -> worker.current().version()));
            vertx.deployVerticle(viewer).await(30, TimeUnit.SECONDS);
            routes.add(viewer::mount);
        }
        http = new HealthVerticle(config.httpHost(), config.httpPort(), this::isLive, readiness, routes);
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        LOG.info("text2pose is serving {} -> {} (dead letters: {}) on {}, {}; health and metrics on http://{}:{}/",
                config.captionTopic(), config.poseTopic(), config.deadLetterTopic(), bootstrapServers,
                config.pipeline().delivery(), config.httpHost(), http.port());
        if (config.viewer()) {
            LOG.info("Web viewer on http://{}:{}/", config.httpHost(), http.port());
        }
    }

    private Map<String, java.util.function.BooleanSupplier> checks() {
        Map<String, java.util.function.BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("model", () -> worker.current() != null);
        checks.put("kafka", kafka::reachable);
        checks.put("pipeline", pipeline::isServing);
        return checks;
    }

    private void startModel(ServiceConfig config) {
        OrtSessions sessions = new OrtSessions(config.provider(), config.intraOpThreads());
        encoder = MiniLmEncoder.load(sessions);
        metrics = new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Optional<BundleLocation> location = config.modelPath().map(BundleLocation::new);
        Optional<BundleLocation.Seen> seen = location.flatMap(BundleLocation::current);
        if (location.isPresent() && seen.isEmpty()) {
            throw new IllegalArgumentException("no model bundle at " + config.modelPath().get()
                    + " (a .onnx file, or a folder holding one)");
        }
        ModelBundle bundle = seen.map(s -> ModelBundle.load(s.path(), sessions))
                .orElseGet(() -> config.shippedModel().load(sessions));
        ServingModel model = ServingModel.of(bundle, encoder);
        logModel(bundle);
        metrics.modelServing(model);
        worker = new InferenceWorker(model);
        reloader = location.map(l -> new ModelReloader(l, seen,
                path -> ServingModel.of(ModelBundle.load(path, sessions), encoder), worker, metrics));
        reloader.ifPresent(r -> r.start(config.pipeline().modelReloadInterval()));
    }

    private void startPipeline(ServiceConfig config) {
        PipelineConfig settings = config.pipeline();
        Map<String, String> extra = config.kafkaProperties();
        BatchPublisher publisher = settings.delivery() == DeliveryMode.EXACTLY_ONCE
                ? new TransactionalPublisher(() -> new KafkaProducer<>(KafkaClientProperties.rawKeys(
                        KafkaClientProperties.transactionalProducer(bootstrapServers,
                                config.groupId() + "." + settings.instanceId(), extra))), open::get)
                : new AcknowledgedPublisher(() -> new KafkaProducer<>(KafkaClientProperties.rawKeys(
                        KafkaClientProperties.producer(bootstrapServers, extra))));
        CaptionPipeline.Topics topics = new CaptionPipeline.Topics(config.captionTopic(), config.poseTopic(),
                config.deadLetterTopic());
        pipeline = new CaptionPipeline(
                new KafkaConsumer<>(KafkaClientProperties.consumer(bootstrapServers, config.groupId(),
                        config.maxBatchRecords(), extra)),
                publisher, worker, new BatchProcessor(topics, settings.maxRecordAge(),
                        KafkaClientProperties.maxRequestBytes(extra), metrics), metrics, topics,
                config.maxBatchRecords(), settings.maxBatchWait(), settings.maxInFlightRecords());
        pipelineThread = new Thread(pipeline, "text2pose-pipeline");
        pipelineThread.start();
        watchdog = new PipelineWatchdog(pipeline::deathCause, WATCHDOG_INTERVAL);
    }

    private static void logModel(ModelBundle bundle) {
        BundleMetadata meta = bundle.metadata();
        LOG.info("Model {} ({}, trained: {}) from {} on execution provider {}", meta.modelVersion(),
                meta.architecture(), meta.trained(), bundle.name(), bundle.provider());
        if (!meta.trained()) {
            LOG.warn("Serving an UNTRAINED model: its poses do not follow the caption yet");
        }
    }

    /** Where the Kafka cluster is (the embedded broker's address when there is one). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return http.port();
    }

    /** The version the next batch's pose events carry. */
    public String modelVersion() {
        return worker.current().version();
    }

    /**
     * Serves until {@code stopRequested} completes (the CLI completes it on SIGTERM or Ctrl-C), then stops cleanly
     * and returns 0; or until the pipeline dies (see {@link CaptionPipeline#deathCause()}), then stops and returns
     * {@link #EXIT_PIPELINE_DEAD}, for the process to exit with, so that an orchestrator restarts it.
     */
    public int serveUntil(CompletableFuture<Void> stopRequested) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        stopRequested.thenRun(() -> exit.complete(0));
        watchdog.death().thenRun(() -> exit.complete(EXIT_PIPELINE_DEAD));
        int status = exit.join();
        if (status != 0) {
            LOG.error("Stopping and exiting with status {} so that the instance is restarted", status);
        }
        close();
        return status;
    }

    /** Whether the work loop lives (it may still be waiting for Kafka): what {@code /health/live} says. */
    public boolean isLive() {
        return pipeline.deathCause().isEmpty();
    }

    /** Whether the model is loaded, Kafka answers and the pipeline polls: what {@code /health/ready} says. */
    public boolean isReady() {
        return readiness != null && readiness.getAsBoolean();
    }

    /** The meters, as {@code /metrics} shows them. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Checks the model path for a new bundle now instead of at the next interval; false without a model path. */
    public boolean reloadModelNow() {
        return reloader.map(ModelReloader::checkNow).orElse(false);
    }

    /**
     * Finishes, publishes and commits the batch in inference, then stops HTTP, the Kafka clients, the model and the
     * broker. Idempotent.
     */
    @Override
    public void close() {
        if (!open.getAndSet(false)) {
            return;
        }
        reloader.ifPresent(ModelReloader::close);
        closeQuietly(watchdog);
        stopPipeline();
        closeQuietly(vertx == null ? null : () -> vertx.close().await(10, TimeUnit.SECONDS));
        closeQuietly(kafka);
        closeQuietly(worker);
        closeQuietly(encoder);
        broker.ifPresent(EmbeddedBroker::close);
        LOG.info("text2pose stopped");
    }

    private void stopPipeline() {
        if (pipeline == null) {
            return;
        }
        pipeline.stop();
        try {
            pipelineThread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed", closeable, e);
        }
    }
}
