package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * When a request passed each stage inside the service, carried on its pose record in the {@value #HEADER} header so
 * that a reader can split its end-to-end latency into broker-to-poll, waiting for a batch, inference, and publication
 * (inference done to receipt). Epoch microseconds on the service's clock, written as ASCII
 * {@code polled,started,inferred}; the publish acknowledgement and the commit come after the record is sent, so they
 * are timed per batch in the service's metrics instead.
 *
 * @param polledMicros   the poll that returned the caption record
 * @param startedMicros  the start of its batch's inference
 * @param inferredMicros the end of its batch's inference
 */
public record StageTimes(long polledMicros, long startedMicros, long inferredMicros) {

    public static final String HEADER = "text2pose-stages";

    /** The wall clock in microseconds: a reader on the same host compares it with its own receipt time. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The header value. */
    public byte[] encode() {
        return (polledMicros + "," + startedMicros + "," + inferredMicros).getBytes(StandardCharsets.US_ASCII);
    }

    /** The stage times in {@code headers}; empty when the header is absent or not three comma-separated numbers. */
    public static Optional<StageTimes> of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split(",", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StageTimes(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
