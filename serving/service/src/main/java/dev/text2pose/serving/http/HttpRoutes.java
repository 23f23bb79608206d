package dev.text2pose.serving.http;

import io.vertx.ext.web.Router;

/** A group of HTTP routes that the service's HTTP server mounts next to the health endpoints. */
@FunctionalInterface
public interface HttpRoutes {

    /** Adds the routes to {@code router}; called once, on the event loop, when the server starts. */
    void mount(Router router);
}
