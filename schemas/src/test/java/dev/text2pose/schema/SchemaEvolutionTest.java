package dev.text2pose.schema;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader keeps decoding when a producer moves to a newer schema that adds an optional field. */
class SchemaEvolutionTest {

    @Test
    void recordFromNewerSchemaWithAddedOptionalFieldDecodes() throws IOException {
        Schema newer = newerCaptionSchema();
        byte[] message = writeWithNewer(newer);

        CaptionEvent decoded = EventCodec.captions(List.of(newer)).decode(message);

        assertEquals("req-7", decoded.getRequestId());
        assertEquals("a woman eating a pizza", decoded.getCaption());
        assertEquals(2, decoded.getSamples());
        assertNull(decoded.getSeed());
        assertNull(decoded.getInterpolation());
    }

    @Test
    void readerThatHasNotSeenTheNewerSchemaSaysSo() throws IOException {
        byte[] message = writeWithNewer(newerCaptionSchema());

        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.captions().decode(message));
        assertTrue(e.getMessage().contains("unknown writer schema fingerprint"), e.getMessage());
    }

    private static byte[] writeWithNewer(Schema newer) throws IOException {
        GenericRecord record = new GenericData.Record(newer);
        record.put("requestId", "req-7");
        record.put("caption", "a woman eating a pizza");
        record.put("samples", 2);
        record.put("seed", null);
        record.put("interpolation", null);
        record.put("priority", 5);
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(record).array();
    }

    private static Schema newerCaptionSchema() throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/CaptionEvent-next.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
