package dev.text2pose.serving.pipeline;

import dev.text2pose.model.PoseRequest;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.Interpolation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator();

    @Test
    void validEventBecomesARequestWithItsSeed() {
        PoseRequest request = validator.validate(event("a man running", 3, 42L, new Interpolation("a man jumping", 5)));
        assertEquals("a man running", request.caption());
        assertEquals(3, request.samples());
        assertEquals(42L, request.seed());
        assertEquals("a man jumping", request.targetCaption().orElseThrow());
        assertEquals(5, request.frames());
    }

    @Test
    void absentSeedIsDrawnFreshEachTime() {
        long first = validator.validate(event("a dog", 1, null, null)).seed();
        long second = validator.validate(event("a dog", 1, null, null)).seed();
        assertNotEquals(first, second);
        assertEquals(1, validator.validate(event("a dog", 1, null, null)).frames());
    }

    @Test
    void brokenLimitsAreNamed() {
        assertMessage("caption", event("", 1, null, null));
        assertMessage("samples", event("a dog", 0, null, null));
        assertMessage("samples", event("a dog", 17, null, null));
        assertMessage("frames", event("a dog", 1, null, new Interpolation("a cat", 61)));
        assertMessage("targetCaption", event("a dog", 1, null, new Interpolation(" ", 5)));
        assertMessage("caption must not be blank", event("\u00A0\u200B", 1, null, null));
        assertMessage("requestId", CaptionEvent.newBuilder().setRequestId("\u200B").setCaption("a dog").build());
        assertMessage("requestId", CaptionEvent.newBuilder().setRequestId("").setCaption("a dog").build());
        assertMessage("requestId", CaptionEvent.newBuilder().setRequestId("x".repeat(201)).setCaption("a dog").build());
    }

    /** Invalid bytes are the codec's to refuse; a U+FFFD that arrives decoded was sent as such, and is served. */
    @Test
    void aReplacementCharacterIsText() {
        assertEquals("a d\uFFFDg", validator.validate(event("a d\uFFFDg", 1, null, null)).caption());
    }

    @Test
    void requestIdsAreCountedInCodePoints() {
        String emoji = "\uD83D\uDE00";
        assertEquals("a dog", validator.validate(CaptionEvent.newBuilder()
                .setRequestId(emoji.repeat(RequestValidator.MAX_REQUEST_ID_CHARS)).setCaption("a dog").build()).caption());
    }

    private void assertMessage(String expected, CaptionEvent event) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> validator.validate(event));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static CaptionEvent event(String caption, int samples, Long seed, Interpolation interpolation) {
        return CaptionEvent.newBuilder().setRequestId("r").setCaption(caption).setSamples(samples).setSeed(seed)
                .setInterpolation(interpolation).build();
    }
}
