package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Carries W3C Trace Context from a caption record to its pose record, so a trace that began at the caller goes on
 * through the service. {@code traceparent} is copied only when well formed (the spec says to ignore a malformed one);
 * {@code tracestate} goes with it.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** version-traceid-parentid-flags, lower-case hex; the all-zero ids and version ff are invalid. */
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");

    private TraceHeaders() {
    }

    /** Copies a valid {@code traceparent} (and any {@code tracestate}) from {@code source} to {@code target}. */
    public static void copy(Headers source, Headers target) {
        Header parent = source.lastHeader(TRACEPARENT);
        if (parent == null || parent.value() == null || !isValid(new String(parent.value(), StandardCharsets.UTF_8))) {
            return;
        }
        target.add(TRACEPARENT, parent.value());
        Header state = source.lastHeader(TRACESTATE);
        if (state != null && state.value() != null) {
            target.add(TRACESTATE, state.value());
        }
    }

    static boolean isValid(String traceparent) {
        return TRACEPARENT_FORMAT.matcher(traceparent).matches()
                && (!traceparent.startsWith("00") || traceparent.length() == 55);
    }
}
