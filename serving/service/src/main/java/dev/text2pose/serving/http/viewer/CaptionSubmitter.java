package dev.text2pose.serving.http.viewer;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.serving.pipeline.InvalidRequestException;
import dev.text2pose.serving.pipeline.RequestValidator;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code POST} of {@code {"caption": ..., "target": ..., "frames": ...}}: checks it as the service would, produces it
 * as a caption event keyed by a fresh request id, and answers {@code 202 {"requestId": ...}} once Kafka has it.
 *
 * <p>Only JSON is accepted, so a cross-site form cannot post here (a cross-origin JSON post needs a CORS preflight,
 * which this server never grants), and a request whose {@code Origin} is not this server is refused.
 */
final class CaptionSubmitter {

    /** Frames of an interpolation when the form gives a target caption but no count. */
    static final int DEFAULT_FRAMES = 8;

    private static final String EXPECTED =
            "expected {\"caption\": text, \"target\": text (optional), \"frames\": number (optional)}";

    private final Vertx vertx;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final RecentRequests requests;
    private final BooleanSupplier feedReady;
    private final RequestValidator validator = new RequestValidator();
    private final EventCodec<CaptionEvent> codec = EventCodec.captions();

    CaptionSubmitter(Vertx vertx, Producer<String, byte[]> producer, String topic, RecentRequests requests,
                     BooleanSupplier feedReady) {
        this.vertx = vertx;
        this.producer = producer;
        this.topic = topic;
        this.requests = requests;
        this.feedReady = feedReady;
    }

    void handle(RoutingContext ctx) {
        if (!ViewerRequests.isJson(ctx)) {
            ViewerRequests.fail(ctx, 415, "send the caption as application/json");
        } else if (!ViewerRequests.isSameOrigin(ctx)) {
            ViewerRequests.fail(ctx, 403, "cross-origin requests are refused");
        } else if (!feedReady.getAsBoolean()) {
            ViewerRequests.fail(ctx, 503, "the viewer is still connecting to the pose topic; try again shortly");
        } else {
            submit(ctx);
        }
    }

    private void submit(RoutingContext ctx) {
        CaptionEvent event;
        try {
            event = toEvent(ctx.body().asJsonObject());
            validator.validate(event);
        } catch (InvalidRequestException e) {
            ViewerRequests.fail(ctx, 400, e.getMessage());
            return;
        } catch (DecodeException | ClassCastException e) {
            ViewerRequests.fail(ctx, 400, EXPECTED);
            return;
        }
        String requestId = event.getRequestId();
        Optional<Interpolation> interpolation = Optional.ofNullable(event.getInterpolation());
        requests.submitted(requestId, event.getCaption(), interpolation.map(Interpolation::getTargetCaption),
                interpolation.map(Interpolation::getFrames).orElse(1), System.nanoTime());
        byte[] value = codec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, requestId, value);
        vertx.executeBlocking(() -> producer.send(record).get(30, TimeUnit.SECONDS))
                .onSuccess(ack -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("requestId", requestId).encode()))
                .onFailure(e -> {
                    requests.forget(requestId);
                    ViewerRequests.fail(ctx, 502, "Kafka did not take the caption: " + e.getMessage());
                });
    }

    private static CaptionEvent toEvent(JsonObject body) {
        String caption = body == null ? null : body.getString("caption");
        if (caption == null) {
            throw new InvalidRequestException(EXPECTED);
        }
        String target = Optional.ofNullable(body.getString("target")).filter(t -> !t.isBlank()).orElse(null);
        int frames = Optional.ofNullable(body.getInteger("frames")).orElse(DEFAULT_FRAMES);
        return CaptionEvent.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCaption(caption.strip())
                .setInterpolation(target == null ? null : new Interpolation(target.strip(), frames))
                .build();
    }
}
