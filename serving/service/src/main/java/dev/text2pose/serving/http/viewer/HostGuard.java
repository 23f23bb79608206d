package dev.text2pose.serving.http.viewer;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses viewer requests addressed to a host name that is not this service's, against DNS rebinding: a foreign page
 * whose name is made to resolve to 127.0.0.1 sends requests whose {@code Host} and {@code Origin} both carry its own
 * name, which a same-origin check alone accepts. Allowed are the configured HTTP host, {@code localhost} and IP
 * addresses (a rebinding page never has an IP address as its origin), in {@code Host} and, when present,
 * {@code Origin}.
 */
final class HostGuard {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names;

    /** @param httpHost the host name or address the service binds to */
    HostGuard(String httpHost) {
        this.names = Set.of("localhost", httpHost.toLowerCase(Locale.ROOT));
    }

    /** Lets the request on to the next handler, or answers 403 naming the refused host. */
    void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        String host = authority == null ? null : authority.host();
        String origin = ctx.request().getHeader("Origin");
        if (allows(host, origin)) {
            ctx.next();
        } else {
            ViewerRequests.fail(ctx, 403, "the viewer answers only requests addressed to " + names
                    + " or an IP address, not " + host + (origin == null ? "" : " from " + origin));
        }
    }

    /** Whether a request with this {@code Host} name (no port) and {@code Origin} header (or null) is allowed. */
    boolean allows(String host, String origin) {
        if (!isAllowedName(host)) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        try {
            return isAllowedName(URI.create(origin).getHost());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private boolean isAllowedName(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return names.contains(name) || IPV4.matcher(name).matches() || name.startsWith("[") || name.contains(":");
    }
}
