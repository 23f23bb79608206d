package dev.text2pose.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Today's readers decode the bytes that producers of every released schema version wrote. */
class GoldenMessagesTest {

    @Test
    void todaysReaderDecodesCaptionEventV1() throws IOException {
        CaptionEvent decoded = EventCodec.captions().decode(golden("CaptionEvent-v1.bin"));
        assertEquals(GoldenMessages.caption(), decoded);
        assertEquals("a man serving a tennis ball", decoded.getInterpolation().getTargetCaption());
    }

    @Test
    void todaysReaderDecodesPoseEventV1() throws IOException {
        PoseEvent decoded = EventCodec.poses().decode(golden("PoseEvent-v1.bin"));
        assertEquals(GoldenMessages.pose(), decoded);
        assertEquals(17, decoded.getPoses().get(0).getKeypoints().size());
    }

    @Test
    void goldenBytesAreSingleObjectEncoded() throws IOException {
        byte[] bytes = golden("CaptionEvent-v1.bin");
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenMessagesTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name + " is missing");
            return in.readAllBytes();
        }
    }
}
