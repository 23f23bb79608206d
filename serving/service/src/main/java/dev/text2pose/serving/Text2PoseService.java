package dev.text2pose.serving;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.serving.http.HealthVerticle;
import dev.text2pose.serving.http.viewer.PoseViewer;
import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.kafka.KafkaClientProperties;
import dev.text2pose.serving.kafka.TopicCreator;
import dev.text2pose.serving.pipeline.CaptionPipeline;
import dev.text2pose.text.MiniLmEncoder;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running text2pose instance: (embedded broker) -> topics -> model -> pipeline -> HTTP. Start several with the
 * same group id, in one JVM or many, and they split the caption partitions between them.
 */
public final class Text2PoseService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Text2PoseService.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Optional<EmbeddedBroker> broker;
    private final String bootstrapServers;
    private final ModelBundle bundle;
    private final MiniLmEncoder encoder;
    private final Producer<String, byte[]> producer;
    private final CaptionPipeline pipeline;
    private final Thread pipelineThread;
    private final Vertx vertx;
    private final HealthVerticle http;

    private Text2PoseService(Optional<EmbeddedBroker> broker, String bootstrapServers, ModelBundle bundle,
                             MiniLmEncoder encoder, Producer<String, byte[]> producer, CaptionPipeline pipeline,
                             Vertx vertx, HealthVerticle http) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.bundle = bundle;
        this.encoder = encoder;
        this.producer = producer;
        this.pipeline = pipeline;
        this.vertx = vertx;
        this.http = http;
        this.pipelineThread = new Thread(pipeline, "text2pose-pipeline");
    }

    /** Starts everything the config asks for; on failure, what was started is stopped again. */
    public static Text2PoseService start(ServiceConfig config) {
        LOG.info("Starting text2pose with {}", config);
        Optional<EmbeddedBroker> broker = config.bootstrapServers().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedBroker.start(config.embeddedBroker().dataDir(), config.embeddedBroker().port()));
        String servers = config.bootstrapServers().orElseGet(() -> broker.orElseThrow().bootstrapServers());
        try {
            try (Admin admin = Admin.create(KafkaClientProperties.common(servers, config.kafkaProperties()))) {
                TopicCreator.ensure(admin, List.of(config.captionTopic(), config.poseTopic(), config.deadLetterTopic()),
                        config.topicPartitions());
            }
            OrtSessions sessions = new OrtSessions(config.provider(), config.intraOpThreads());
            ModelBundle bundle = config.modelPath().map(p -> ModelBundle.load(p, sessions))
                    .orElseGet(() -> ModelBundle.loadDefault(sessions));
            logModel(bundle);
            MiniLmEncoder encoder = MiniLmEncoder.load(sessions);
            Producer<String, byte[]> producer = new KafkaProducer<>(
                    KafkaClientProperties.producer(servers, config.kafkaProperties()));
            CaptionPipeline pipeline = new CaptionPipeline(
                    new KafkaConsumer<>(KafkaClientProperties.consumer(servers, config.groupId(),
                            config.maxBatchRecords(), config.kafkaProperties())),
                    producer, new PoseGenerator(bundle, encoder), bundle.metadata().modelVersion(),
                    new CaptionPipeline.Topics(config.captionTopic(), config.poseTopic(), config.deadLetterTopic()));
            Vertx vertx = Vertx.vertx();
            Optional<PoseViewer> viewer = config.viewer() ? Optional.of(new PoseViewer(new PoseViewer.Settings(
                    servers, config.kafkaProperties(), config.captionTopic(), config.poseTopic(),
                    () -> bundle.metadata().modelVersion()))) : Optional.empty();
            HealthVerticle http = new HealthVerticle(config.httpHost(), config.httpPort(), pipeline::isServing,
                    router -> viewer.ifPresent(v -> v.mount(router)));
            Text2PoseService service = new Text2PoseService(broker, servers, bundle, encoder, producer, pipeline,
                    vertx, http);
            service.pipelineThread.start();
            if (viewer.isPresent()) {
                vertx.deployVerticle(viewer.get()).await(30, TimeUnit.SECONDS);
            }
            vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
            LOG.info("text2pose is serving {} -> {} (dead letters: {}) on {}; health on http://{}:{}/health/ready",
                    config.captionTopic(), config.poseTopic(), config.deadLetterTopic(), servers, config.httpHost(),
                    http.port());
            viewer.ifPresent(v -> LOG.info("Web viewer on http://{}:{}/", config.httpHost(), http.port()));
            return service;
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            broker.ifPresent(EmbeddedBroker::close);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("text2pose failed to start", e);
        }
    }

    private static void logModel(ModelBundle bundle) {
        BundleMetadata meta = bundle.metadata();
        LOG.info("Model {} ({}, trained: {}) on {}", meta.modelVersion(), meta.architecture(), meta.trained(),
                bundle.provider());
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

    /** The version every pose event of this instance carries. */
    public String modelVersion() {
        return bundle.metadata().modelVersion();
    }

    /** Whether the pipeline is polling and the model loaded. */
    public boolean isReady() {
        return pipeline.isServing();
    }

    /** Finishes the batch in flight, commits it, then stops HTTP, Kafka clients, the model and the broker. */
    @Override
    public void close() {
        pipeline.stop();
        try {
            pipelineThread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Vert.x did not close in 10 s");
        }
        encoder.close();
        bundle.close();
        broker.ifPresent(EmbeddedBroker::close);
        LOG.info("text2pose stopped");
    }
}
