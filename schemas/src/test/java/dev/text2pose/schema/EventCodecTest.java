package dev.text2pose.schema;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void poseMessageIsNotACaption() {
        byte[] pose = EventCodec.poses().encode(GoldenMessages.pose());
        assertThrows(MalformedEventException.class, () -> EventCodec.captions().decode(pose));
    }
}
