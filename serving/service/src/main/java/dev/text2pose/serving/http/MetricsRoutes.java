package dev.text2pose.serving.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;

/** {@code GET /metrics}: every meter in the Prometheus text format, for scraping. */
public final class MetricsRoutes implements HttpRoutes {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(Router router) {
        router.get(HttpPaths.METRICS).handler(ctx -> ctx.vertx()
                .executeBlocking(registry::scrape)
                .onSuccess(text -> ctx.response().putHeader("content-type", CONTENT_TYPE).end(text))
                .onFailure(ctx::fail));
    }
}
