package dev.text2pose.serving.http.viewer;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One static file of the page, read from the classpath once and served from memory: nothing is looked up by a path
 * from the request, and the Content-Security-Policy allows only this server's own scripts, styles and connections,
 * so that even a mistake in the page could not run injected script.
 */
final class ViewerAssets {

    static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Buffer content;
    private final String contentType;

    private ViewerAssets(Buffer content, String contentType) {
        this.content = content;
        this.contentType = contentType;
    }

    /** The classpath resource {@code /viewer/<name>}. */
    static ViewerAssets load(String name, String contentType) {
        String resource = "/viewer/" + name;
        try (InputStream in = ViewerAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("viewer asset " + resource + " is missing from the classpath");
            }
            return new ViewerAssets(Buffer.buffer(in.readAllBytes()), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read viewer asset " + resource, e);
        }
    }

    void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Security-Policy", SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .end(content);
    }
}
