package dev.text2pose.serving.pipeline;

import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.schema.MalformedEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte limits are wide enough for every valid request, so only requests that break a documented limit hit them. */
class CaptionRecordLimitsTest {

    /** 3 UTF-8 bytes per UTF-16 unit, the most a character counted by {@link String#length()} can take. */
    private static final String WIDE_CHAR = "\u20AC";
    /** 4 UTF-8 bytes per code point (two UTF-16 units). */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void theLargestValidRequestFitsEveryLimit() {
        String caption = WIDE_CHAR.repeat(RequestLimits.MAX_CAPTION_CHARS);
        String requestId = WIDE_CHAR.repeat(RequestValidator.MAX_REQUEST_ID_CHARS);
        CaptionEvent largest = CaptionEvent.newBuilder().setRequestId(requestId).setCaption(caption)
                .setSamples(RequestLimits.MAX_SAMPLES).setSeed(Long.MIN_VALUE)
                .setInterpolation(new Interpolation(caption, RequestLimits.MAX_INTERPOLATION_FRAMES)).build();
        assertDoesNotThrow(() -> new RequestValidator().validate(largest));

        byte[] encoded = EventCodec.captions().encode(largest);
        assertDoesNotThrow(() -> CaptionRecordLimits.checkSize(encoded));
        assertTrue(encoded.length < CaptionRecordLimits.MAX_RECORD_BYTES / 2, encoded.length + " bytes");
        assertTrue(caption.getBytes(StandardCharsets.UTF_8).length <= CaptionRecordLimits.MAX_STRING_BYTES);
        String emojiCaption = EMOJI.repeat(RequestLimits.MAX_CAPTION_CHARS);
        assertTrue(emojiCaption.getBytes(StandardCharsets.UTF_8).length <= CaptionRecordLimits.MAX_STRING_BYTES,
                "1,000 code points fit too, should the limit count code points");
        assertTrue(RequestLimits.MAX_SAMPLES * RequestLimits.MAX_INTERPOLATION_FRAMES
                <= CaptionRecordLimits.MAX_ARRAY_ITEMS, "the largest answer's poses decode");
    }

    @Test
    void aLargerRecordIsRefusedBeforeDecoding() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> CaptionRecordLimits.checkSize(new byte[CaptionRecordLimits.MAX_RECORD_BYTES + 1]));
        assertTrue(e.getMessage().contains("record of 16385 bytes exceeds limit 16384 bytes"), e.getMessage());
        assertDoesNotThrow(() -> CaptionRecordLimits.checkSize(null));
    }
}
