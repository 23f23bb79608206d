package dev.text2pose.serving.http.viewer;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/** What every viewer endpoint checks and answers the same way. */
final class ViewerRequests {

    private ViewerRequests() {
    }

    static boolean isJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** True without an {@code Origin} header (same-origin fetches may omit it), or when it names this server. */
    static boolean isSameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            return URI.create(origin).getRawAuthority() != null
                    && URI.create(origin).getRawAuthority().equalsIgnoreCase(ctx.request().getHeader("Host"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void json(RoutingContext ctx, Object json) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(json.toString());
    }

    static void fail(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
