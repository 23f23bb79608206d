package dev.text2pose.serving.testkit;

import java.io.ByteArrayOutputStream;

/** Caption records crafted byte by byte, for tests that attack the decoder with what a client could send. */
public final class CraftedCaptions {

    /** Marker {@code C3 01} and the 8-byte schema fingerprint of a single-object message. */
    private static final int HEADER_BYTES = 10;

    private CraftedCaptions() {
    }

    /**
     * {@code message} with the first occurrence of the ASCII {@code placeholder} overwritten by {@code bytes} of the
     * same length, e.g. to put bytes no encoder would write (invalid UTF-8) inside an encoded string.
     */
    public static byte[] overwrite(byte[] message, String placeholder, byte[] bytes) {
        byte[] needle = placeholder.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (needle.length != bytes.length) {
            throw new IllegalArgumentException("the replacement must be as long as the placeholder");
        }
        for (int at = 0; at + needle.length <= message.length; at++) {
            if (java.util.Arrays.equals(message, at, at + needle.length, needle, 0, needle.length)) {
                byte[] out = message.clone();
                System.arraycopy(bytes, 0, out, at, bytes.length);
                return out;
            }
        }
        throw new IllegalArgumentException("placeholder " + placeholder + " not found");
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
