package dev.text2pose.serving.http.viewer;

import dev.text2pose.serving.kafka.KafkaClientProperties;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The web viewer's lifetime and routes. Deploy it before the HTTP verticle that calls {@link #mount}; undeploying it
 * (as closing Vert.x does) stops its pose feed and closes its producer.
 */
public final class PoseViewer extends VerticleBase {

    /** Where the page's data lives, below the page itself at {@code /}. */
    public static final String API = "/viewer/api";
    private static final int REMEMBERED_REQUESTS = 50;
    private static final long BODY_LIMIT_BYTES = 16 * 1024;

    /**
     * What the viewer needs from the service's config.
     *
     * @param httpHost     the host the service binds to: the name the viewer answers to, besides localhost and IP
     *                     addresses ({@link HostGuard})
     * @param modelVersion the version being served now (it may change while the service runs)
     */
    public record Settings(String bootstrapServers, Map<String, String> kafkaProperties, String captionTopic,
                           String poseTopic, String httpHost, Supplier<String> modelVersion) {
    }

    private final Settings settings;
    private final RecentRequests requests = new RecentRequests(REMEMBERED_REQUESTS);
    private Producer<String, byte[]> producer;
    private PoseStream stream;
    private PoseFeed feed;
    private Thread feedThread;

    public PoseViewer(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            producer = new KafkaProducer<>(producerProperties());
            stream = new PoseStream(vertx);
            feed = new PoseFeed(new KafkaConsumer<>(consumerProperties()), settings.poseTopic(), requests,
                    stream::publish);
            feedThread = new Thread(feed, "text2pose-viewer-feed");
            feedThread.setDaemon(true);
            feedThread.start();
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            feed.stop();
            feedThread.join(Duration.ofSeconds(10).toMillis());
            producer.close(Duration.ofSeconds(5));
            return null;
        });
    }

    /**
     * Adds the page, its assets and its API to {@code router}, behind a {@link HostGuard}; mount it after the routes
     * the guard must not cover (health, metrics).
     */
    public void mount(Router router) {
        ViewerAssets page = ViewerAssets.load("index.html", "text/html; charset=utf-8");
        ViewerAssets script = ViewerAssets.load("viewer.js", "text/javascript; charset=utf-8");
        ViewerAssets style = ViewerAssets.load("viewer.css", "text/css; charset=utf-8");
        CaptionSubmitter submitter = new CaptionSubmitter(vertx, producer, settings.captionTopic(), requests,
                feed::isReady);
        router.route().handler(new HostGuard(settings.httpHost())::handle);
        router.get("/").handler(page::handle);
        router.get("/viewer/viewer.js").handler(script::handle);
        router.get("/viewer/viewer.css").handler(style::handle);
        router.get(API + "/skeleton").handler(ctx -> ViewerRequests.json(ctx, ViewerJson.skeleton()));
        router.get(API + "/info").handler(ctx -> ViewerRequests.json(ctx, info()));
        router.get(API + "/requests")
                .handler(ctx -> ViewerRequests.json(ctx, ViewerJson.requests(requests.snapshot())));
        router.get(API + "/poses").handler(stream::handle);
        router.post(API + "/captions").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES))
                .handler(submitter::handle);
    }

    private JsonObject info() {
        return new JsonObject().put("modelVersion", settings.modelVersion().get())
                .put("captionTopic", settings.captionTopic()).put("poseTopic", settings.poseTopic())
                .put("ready", feed.isReady()).put("limits", ViewerJson.limits());
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(
                KafkaClientProperties.producer(settings.bootstrapServers(), settings.kafkaProperties()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "text2pose-viewer");
        // The viewer's sends are single records outside any transaction the pipeline may run.
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(
                KafkaClientProperties.common(settings.bootstrapServers(), settings.kafkaProperties()));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "text2pose-viewer-feed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
