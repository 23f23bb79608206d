package dev.text2pose.serving.http.viewer;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Server-sent events: every pose the feed hands over goes to every open page as {@code event: pose}. A page that
 * cannot keep up misses poses rather than making the server buffer them; a comment every 15 s keeps proxies from
 * closing an idle stream.
 */
final class PoseStream {

    private static final String ADDRESS = "text2pose.viewer.poses";
    private static final long KEEP_ALIVE_MS = 15_000;

    private final Vertx vertx;

    PoseStream(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Hands a pose to every open page; callable from any thread. */
    void publish(JsonObject pose) {
        vertx.eventBus().publish(ADDRESS, pose.encode());
    }

    void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store");
        response.write("retry: 2000\n: connected\n\n");
        MessageConsumer<String> poses = vertx.eventBus().localConsumer(ADDRESS, message -> {
            if (!response.writeQueueFull()) {
                response.write("event: pose\ndata: " + message.body() + "\n\n");
            }
        });
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(closed -> {
            poses.unregister();
            vertx.cancelTimer(keepAlive);
        });
    }
}
