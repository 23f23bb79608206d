package dev.text2pose.schema;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips, and poison bytes rejected with a reason instead of a crash. */
class EventCodecTest {

    @Test
    void roundTripsBothEvents() {
        assertEquals(GoldenMessages.caption(), EventCodec.captions().decode(EventCodec.captions().encode(GoldenMessages.caption())));
        assertEquals(GoldenMessages.pose(), EventCodec.poses().decode(EventCodec.poses().encode(GoldenMessages.pose())));
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        CaptionEvent minimal = CaptionEvent.newBuilder().setRequestId("r").setCaption("a dog").build();
        assertEquals(1, minimal.getSamples());
        assertEquals(minimal, EventCodec.captions().decode(EventCodec.captions().encode(minimal)));
    }

    @Test
    void truncatedMessageIsMalformed() {
        byte[] valid = EventCodec.captions().encode(GoldenMessages.caption());
        byte[] truncated = Arrays.copyOf(valid, valid.length - 5);
        assertThrows(MalformedEventException.class, () -> EventCodec.captions().decode(truncated));
    }

    @Test
    void randomBytesAndNullAreMalformed() {
        Random random = new Random(1);
        EventCodec<CaptionEvent> codec = EventCodec.captions();
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            assertThrows(MalformedEventException.class, () -> codec.decode(junk));
        }
        assertThrows(MalformedEventException.class, () -> codec.decode(null));
    }

    @Test
    void trailingBytesAfterAValidBodyAreMalformed() {
        byte[] valid = EventCodec.captions().encode(GoldenMessages.caption());
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        assertMessage(longer, "3 trailing bytes after a complete body");
    }

    @Test
    void aTruncatedBodyIsToldFromAnAbsurdLengthClaim() {
        byte[] valid = EventCodec.captions().encode(CaptionEvent.newBuilder().setRequestId("r")
                .setCaption("a person standing on a beach").build());
        assertMessage(Arrays.copyOf(valid, valid.length - 5), "truncated CaptionEvent body");
    }

    @Test
    void anUnknownFingerprintIsNamedInHexWithTheExpectedOne() {
        byte[] pose = EventCodec.poses().encode(GoldenMessages.pose());
        byte[] caption = EventCodec.captions().encode(GoldenMessages.caption());
        MalformedEventException e = assertMessage(pose, "unknown writer schema fingerprint: received "
                + HexFormat.ofDelimiter(" ").formatHex(pose, 2, 10));
        assertTrue(e.getMessage().contains("expected " + HexFormat.ofDelimiter(" ").formatHex(caption, 2, 10)
                + " (today's CaptionEvent)"), e.getMessage());
        assertMessage(new byte[] {1, 2, 3}, "expected the marker C3 01 and an 8-byte fingerprint, received 01 02 03");
    }

    /** Invalid bytes are refused, naming the field; the same text correctly encoded, U+FFFD included, decodes. */
    @Test
    void onlyInvalidUtf8IsRefused() {
        byte[] valid = EventCodec.captions().encode(CaptionEvent.newBuilder().setRequestId("id-XY")
                .setCaption("a d\uFFFDg").build());
        assertEquals("a d\uFFFDg", EventCodec.captions().decode(valid).getCaption());
        byte[] invalid = valid.clone();
        invalid[14] = (byte) 0xC3; // "id-XY": X becomes a lead byte, followed by "Y", which is no continuation byte
        assertMessage(invalid, "requestId is not valid UTF-8");
    }

    private static MalformedEventException assertMessage(byte[] message, String expected) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.captions().decode(message));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    @Test
    void poseMessageIsNotACaption() {
        byte[] pose = EventCodec.poses().encode(GoldenMessages.pose());
        assertThrows(MalformedEventException.class, () -> EventCodec.captions().decode(pose));
    }
}
