package dev.text2pose.schema;

import org.apache.avro.SystemLimitException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Avro's limits, installed after this JVM has already encoded, refuse an absurd claim; and how it is worded. */
class DecodingLimitsTest {

    private final DecodingLimits limits = new DecodingLimits(4000, 960);

    @Test
    void anInstalledLimitRefusesAClaimBeforeAllocating() {
        byte[] valid = EventCodec.captions().encode(GoldenMessages.caption()); // Avro has read its defaults by now
        byte[] claim = Arrays.copyOf(valid, 18);
        byte[] length = {(byte) 0xEE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}; // zigzag varint of 2,147,483,639
        System.arraycopy(length, 0, claim, 10, length.length);
        limits.install();

        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.captions().decode(claim));
        assertTrue(e.getMessage().contains("string: claimed length 2147483639 exceeds limit 4000 bytes"),
                e.getMessage());
        assertEquals(Optional.of(limits), DecodingLimits.installed());
    }

    @Test
    void namesTheClaimedLengthAndTheLimit() {
        assertEquals(Optional.of("string: claimed length 2147483639 exceeds limit 4000 bytes"), limits.explain(
                new SystemLimitException("String length 2147483639 exceeds maximum allowed")));
        assertEquals(Optional.of("bytes: claimed length 5000 exceeds limit 4000 bytes"), limits.explain(
                new SystemLimitException("Bytes length 5000 exceeds maximum allowed")));
        assertEquals(Optional.of("collection: claimed length 961 exceeds limit 960 items"), limits.explain(
                new SystemLimitException("Collection length 961 exceeds the maximum allowed of 960")));
    }

    @Test
    void otherRefusalsAreNotExplained() {
        assertEquals(Optional.empty(), limits.explain(new SystemLimitException("Buffer size 9 exceeds maximum")));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DecodingLimits(0, 960));
        assertThrows(IllegalArgumentException.class, () -> new DecodingLimits(4000, 0));
    }
}
