package dev.text2pose.serving.testkit;

import java.io.ByteArrayOutputStream;

/** Caption records crafted byte by byte, for tests that attack the decoder with what a client could send. */
public final class CraftedCaptions {

    /** Marker {@code C3 01} and the 8-byte schema fingerprint of a single-object message. */
    private static final int HEADER_BYTES = 10;

    private CraftedCaptions() {
    }

    /**
     * Today's CaptionEvent header, then the first field (the request id, a string) claiming {@code claim} bytes, then
     * {@code body}: {@code lengthClaim(2_147_483_639, "abc")} is the 18-byte record of issue 12.
     */
    public static byte[] lengthClaim(long claim, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(CaptionLoad.caption("x"), 0, HEADER_BYTES);
        long zigzag = claim << 1; // Avro writes longs as zigzag varints; claim is not negative
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }
}
