package dev.text2pose.serving.pipeline;

import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.DecodingLimits;
import dev.text2pose.schema.MalformedEventException;

/**
 * How many bytes a caption record, and a string or array inside any event, may take before the service decodes it,
 * derived from the documented request limits. A record over them cannot hold a valid request, so it is dead-lettered as
 * {@code UNDECODABLE} without being decoded, and a length claim over them is refused by Avro before it allocates.
 */
public final class CaptionRecordLimits {

    /** UTF-8 takes at most 3 bytes per UTF-16 unit and 4 per code point, so 4 bounds either way of counting. */
    private static final int MAX_UTF8_BYTES_PER_CHAR = 4;

    /** Longest string: the longest caption or request id, in UTF-8 bytes (4,000). */
    public static final int MAX_STRING_BYTES = MAX_UTF8_BYTES_PER_CHAR
            * Math.max(RequestLimits.MAX_CAPTION_CHARS, RequestValidator.MAX_REQUEST_ID_CHARS);

    /** Most items in one array: the poses of the largest answer, 16 samples x 60 frames (960). */
    public static final int MAX_ARRAY_ITEMS = RequestLimits.MAX_SAMPLES * RequestLimits.MAX_INTERPOLATION_FRAMES;

    /**
     * Largest caption record value, 16 KiB: the largest valid CaptionEvent (two 4,000-byte captions, a request id and
     * the numbers) encodes to under 9 KB, and the rest leaves room for fields a newer schema adds.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024;

    private CaptionRecordLimits() {
    }

    /** Installs the string and array limits as Avro's decoding limits; call before anything decodes Avro. */
    public static void install() {
        new DecodingLimits(MAX_STRING_BYTES, MAX_ARRAY_ITEMS).install();
    }

    /** @throws MalformedEventException when {@code value} is larger than {@link #MAX_RECORD_BYTES} */
    public static void checkSize(byte[] value) {
        if (value != null && value.length > MAX_RECORD_BYTES) {
            throw new MalformedEventException("record of " + value.length + " bytes exceeds limit " + MAX_RECORD_BYTES
                    + " bytes; refused before decoding");
        }
    }
}
