package dev.text2pose.serving.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The service's HTTP face: {@code /health/live} answers 200 while the process runs; {@code /health/ready} answers 200
 * only while the model is loaded, Kafka answers and the pipeline polls, and 503 otherwise, so an orchestrator routes
 * work and restarts by the right signal. Other {@link HttpRoutes} (metrics...) are mounted on the same server.
 */
public final class HealthVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final BooleanSupplier ready;
    private final List<HttpRoutes> routes;
    private volatile int actualPort = -1;

    /**
     * @param host  address to bind; loopback unless the operator exposes it
     * @param port  port to bind; 0 picks a free one (see {@link #port()})
     * @param ready whether the service can take work now
     */
    public HealthVerticle(String host, int port, BooleanSupplier ready) {
        this(host, port, ready, List.of());
    }

    /** As {@link #HealthVerticle(String, int, BooleanSupplier)}, also serving {@code routes}. */
    public HealthVerticle(String host, int port, BooleanSupplier ready, List<HttpRoutes> routes) {
        this.host = host;
        this.port = port;
        this.ready = ready;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get(HttpPaths.LIVE).handler(ctx -> ctx.response().end("live\n"));
        router.get(HttpPaths.READY).handler(ctx -> {
            boolean isReady = ready.getAsBoolean();
            ctx.response().setStatusCode(isReady ? 200 : 503).end(isReady ? "ready\n" : "not ready\n");
        });
        routes.forEach(r -> r.mount(router));
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .onSuccess(server -> actualPort = server.actualPort())
                .map(HttpServer::actualPort);
    }

    /** The bound port, once started. */
    public int port() {
        return actualPort;
    }
}
