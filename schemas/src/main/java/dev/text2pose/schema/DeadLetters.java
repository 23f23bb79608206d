package dev.text2pose.schema;

/**
 * The layout of a dead-letter record, the service's answer to input it cannot serve.
 *
 * <ul>
 *   <li>Key and value: the original record's key and value bytes, unchanged, so nothing is lost and a fixed record
 *       can be replayed by producing the value again.</li>
 *   <li>Headers (UTF-8 strings): {@value #REASON} (one of {@link Reason}, for routing and metrics),
 *       {@value #ERROR} (a human-readable explanation), {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION},
 *       {@value #SOURCE_OFFSET} (where the original record was), plus every header the original record carried except
 *       those under {@code text2pose.dlq.}, which only the service writes.</li>
 *   <li>When the copy would exceed the producer's {@code max.request.size} (an original of about 1 MB), the value is
 *       left out: {@value #OMITTED} lists what was left out ({@code value}, or {@code value,key,headers} when the key
 *       and the original headers are too large as well), and {@value #VALUE_SIZE} and {@value #VALUE_SHA256} (lowercase
 *       hex) identify the original value, which stays readable at its source offset until the topic's retention.</li>
 * </ul>
 */
public final class DeadLetters {

    public static final String REASON = "text2pose.dlq.reason";
    public static final String ERROR = "text2pose.dlq.error";
    public static final String SOURCE_TOPIC = "text2pose.dlq.source.topic";
    public static final String SOURCE_PARTITION = "text2pose.dlq.source.partition";
    public static final String SOURCE_OFFSET = "text2pose.dlq.source.offset";
    public static final String OMITTED = "text2pose.dlq.omitted";
    public static final String VALUE_SIZE = "text2pose.dlq.value.size";
    public static final String VALUE_SHA256 = "text2pose.dlq.value.sha256";

    /** Why a record was dead-lettered. */
    public enum Reason {
        /** The bytes are not a CaptionEvent this service can decode. */
        UNDECODABLE,
        /** The event decoded but breaks a documented limit (empty caption, samples or frames out of range...). */
        INVALID_REQUEST,
        /** The model failed on this request. */
        INFERENCE_FAILED,
        /** The request waited longer than the configured maximum age. */
        EXPIRED
    }

    private DeadLetters() {
    }
}
