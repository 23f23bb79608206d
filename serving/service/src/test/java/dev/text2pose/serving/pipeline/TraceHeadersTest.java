package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceHeadersTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentAndItsStateAreCopied() {
        RecordHeaders source = new RecordHeaders();
        source.add("traceparent", utf8(VALID));
        source.add("tracestate", utf8("vendor=abc"));
        source.add("other", utf8("x"));
        RecordHeaders target = new RecordHeaders();

        TraceHeaders.copy(source, target);

        assertEquals(VALID, new String(target.lastHeader("traceparent").value(), StandardCharsets.UTF_8));
        assertEquals("vendor=abc", new String(target.lastHeader("tracestate").value(), StandardCharsets.UTF_8));
        assertNull(target.lastHeader("other"));
    }

    @Test
    void malformedTraceparentsAreIgnored() {
        assertTrue(TraceHeaders.isValid(VALID));
        assertFalse(TraceHeaders.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), "zero trace id");
        assertFalse(TraceHeaders.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"), "zero span id");
        assertFalse(TraceHeaders.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "version ff");
        assertFalse(TraceHeaders.isValid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"), "upper case");
        assertFalse(TraceHeaders.isValid(VALID + "-extra"), "version 00 has exactly four fields");
        assertTrue(TraceHeaders.isValid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"),
                "later versions may add fields");
        RecordHeaders source = new RecordHeaders();
        source.add("traceparent", utf8("garbage"));
        RecordHeaders target = new RecordHeaders();
        TraceHeaders.copy(source, target);
        assertNull(target.lastHeader("traceparent"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
