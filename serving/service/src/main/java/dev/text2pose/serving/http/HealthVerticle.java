package dev.text2pose.serving.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The service's HTTP face: {@code /health/live} answers 200 while the work loop lives and 503 once it died (it stopped
 * on an error or stopped polling), so that an orchestrator restarts the instance; {@code /health/ready} answers 200
 * only while the model is loaded, Kafka answers and the pipeline polls, and 503 otherwise, so that it routes work by
 * the right signal. Other {@link HttpRoutes} (metrics...) are mounted on the same server.
 */
public final class HealthVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final BooleanSupplier live;
    private final BooleanSupplier ready;
    private final List<HttpRoutes> routes;
    private volatile int actualPort = -1;

    /**
     * @param host   address to bind; loopback unless the operator exposes it
     * @param port   port to bind; 0 picks a free one (see {@link #port()})
     * @param live   whether the instance still works; false for good once it died
     * @param ready  whether the service can take work now
     * @param routes more routes to serve
     */
    public HealthVerticle(String host, int port, BooleanSupplier live, BooleanSupplier ready,
                          List<HttpRoutes> routes) {
        this.host = host;
        this.port = port;
        this.live = live;
        this.ready = ready;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get(HttpPaths.LIVE).handler(ctx -> answer(ctx.response(), live, "live\n", "dead\n"));
        router.get(HttpPaths.READY).handler(ctx -> answer(ctx.response(), ready, "ready\n", "not ready\n"));
        routes.forEach(r -> r.mount(router));
        return vertx.createHttpServer().requestHandler(router).listen(port, host)
                .onSuccess(server -> actualPort = server.actualPort())
                .map(HttpServer::actualPort);
    }

    private static void answer(HttpServerResponse response, BooleanSupplier check, String yes, String no) {
        boolean holds = check.getAsBoolean();
        response.setStatusCode(holds ? 200 : 503).end(holds ? yes : no);
    }

    /** The bound port, once started. */
    public int port() {
        return actualPort;
    }
}
