package dev.text2pose.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseRequestTest {

    @Test
    void acceptsRequestsAtTheLimits() {
        String longest = "a".repeat(RequestLimits.MAX_CAPTION_CHARS);
        assertDoesNotThrow(() -> PoseRequest.of(longest, RequestLimits.MAX_SAMPLES, 1));
        assertDoesNotThrow(() -> PoseRequest.of("x", RequestLimits.MIN_SAMPLES, 1));
        assertDoesNotThrow(() -> PoseRequest.interpolation("a", longest, RequestLimits.MAX_INTERPOLATION_FRAMES, 1, 1));
        assertDoesNotThrow(() -> PoseRequest.interpolation("a", "b", RequestLimits.MIN_INTERPOLATION_FRAMES, 1, 1));
    }

    /** Characters are code points: 1,000 emoji (2,000 UTF-16 units) fit, 1,001 do not. */
    @Test
    void captionLengthIsCountedInCodePoints() {
        String emoji = "\uD83D\uDE00";
        assertDoesNotThrow(() -> PoseRequest.of(emoji.repeat(RequestLimits.MAX_CAPTION_CHARS), 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoseRequest.of(emoji.repeat(RequestLimits.MAX_CAPTION_CHARS + 1), 1, 1));
        assertTrue(e.getMessage().contains("at most 1000 characters, got 1001"), e.getMessage());
    }

    /** Blank means no visible character: no-break, zero-width and other invisible spaces count as blank. */
    @Test
    void invisibleCaptionsAreBlank() {
        for (String invisible : new String[] {"\u00A0\u00A0", "\u200B", "\u2007\u202F\u3000", "\uFEFF\u200D\u200C",
                " \t\n"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PoseRequest.of(invisible, 1, 1), invisible.codePoints().boxed().toList().toString());
            assertTrue(e.getMessage().contains("caption must not be blank"), e.getMessage());
        }
        assertDoesNotThrow(() -> PoseRequest.of("\u00A0a\u200B", 1, 1));
        assertDoesNotThrow(() -> PoseRequest.of("\uFFFD", 1, 1), "a replacement character is a visible character");
    }

    @Test
    void countsOneRowPerSampleAndFrame() {
        assertEquals(960, PoseRequest.interpolation("a", "b", 60, 16, 1).rows());
        assertEquals(3, PoseRequest.of("a", 3, 1).rows());
    }

    @Test
    void rejectsSampleCountsOutsideTheLimits() {
        assertRejected(() -> PoseRequest.of("a", 0, 1), "samples must be 1..16, got 0");
        assertRejected(() -> PoseRequest.of("a", 17, 1), "samples must be 1..16, got 17");
    }

    @Test
    void rejectsBlankOrOverlongCaptions() {
        assertRejected(() -> PoseRequest.of(" \t", 1, 1), "caption must not be blank");
        assertRejected(() -> PoseRequest.of("a".repeat(1001), 1, 1), "at most 1000 characters, got 1001");
        assertRejected(() -> PoseRequest.interpolation("a", "", 5, 1, 1), "targetCaption must not be blank");
        assertThrows(IllegalArgumentException.class, () -> new PoseRequest(null, 1, 1, Optional.empty(), 1));
    }

    @Test
    void rejectsFrameCountsThatDoNotFitTheTarget() {
        assertRejected(() -> new PoseRequest("a", 1, 1, Optional.empty(), 5), "frames must be 1 without a target");
        assertRejected(() -> PoseRequest.interpolation("a", "b", 1, 1, 1), "frames must be 2..60");
        assertRejected(() -> PoseRequest.interpolation("a", "b", 61, 1, 1), "frames must be 2..60");
    }

    private static void assertRejected(Runnable create, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
