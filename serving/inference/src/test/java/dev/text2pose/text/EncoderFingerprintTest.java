package dev.text2pose.text;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fingerprint's one-line and metadata forms read back to the same value, and half a fingerprint is refused. */
class EncoderFingerprintTest {

    private static final EncoderFingerprint PRINT = new EncoderFingerprint("org/model", EncoderFingerprint.sha256("m"),
            EncoderFingerprint.sha256("t"), 128, "mean,l2");

    @Test
    void keyReadsBack() {
        assertEquals(PRINT, EncoderFingerprint.parse(PRINT.key()));
        assertThrows(IllegalArgumentException.class, () -> EncoderFingerprint.parse("org/model"));
    }

    @Test
    void propertiesReadBackAndAbsentMeansNone() {
        Map<String, String> props = PRINT.toProperties("p.");
        assertEquals(Optional.of(PRINT), EncoderFingerprint.fromProperties("org/model", props, "p."));
        assertEquals(Optional.empty(), EncoderFingerprint.fromProperties("org/model", Map.of(), "p."));
        Map<String, String> partial = new HashMap<>(props);
        partial.remove("p.pooling");
        assertThrows(IllegalArgumentException.class, () -> EncoderFingerprint.fromProperties("org/model", partial, "p."));
    }

    @Test
    void everyFieldTellsEncodersApart() {
        assertNotEquals(PRINT, new EncoderFingerprint("org/model", PRINT.onnxSha256(), PRINT.tokenizerSha256(), 256,
                PRINT.pooling()));
        assertNotEquals(PRINT.key(), new EncoderFingerprint("org/model", PRINT.onnxSha256(),
                EncoderFingerprint.sha256("t2"), 128, PRINT.pooling()).key());
    }

    @Test
    void hashesAreLowercaseHexSha256() {
        // The published SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", EncoderFingerprint.sha256("abc"));
    }
}
