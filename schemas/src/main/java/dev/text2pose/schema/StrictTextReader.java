package dev.text2pose.schema;

import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A datum reader that refuses strings whose bytes are not valid UTF-8, naming the field. Avro's own reader decodes
 * such bytes to U+FFFD, so a malformed request id or caption would be served as text nobody sent, and a correctly
 * encoded U+FFFD could not be told from it.
 *
 * @param <T> the generated event class
 */
final class StrictTextReader<T> extends SpecificDatumReader<T> {

    /** A string field held bytes that are not UTF-8; the field is named once its record knows it. */
    static final class InvalidUtf8Exception extends MalformedEventException {

        private static final long serialVersionUID = 1L;

        private final boolean named;

        InvalidUtf8Exception(String message, boolean named) {
            super(message);
            this.named = named;
        }
    }

    StrictTextReader(Schema writer, Schema reader) {
        super(writer, reader, model());
    }

    /**
     * Generated classes' custom coders and Avro's fast reader read strings themselves, past {@link #readString}; this
     * model turns both off.
     */
    private static SpecificData model() {
        SpecificData model = new SpecificData(StrictTextReader.class.getClassLoader());
        model.setCustomCoders(false);
        model.setFastReaderEnabled(false);
        return model;
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
        Utf8 raw = in.readString(null);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.getBytes(), 0, raw.getByteLength())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidUtf8Exception("is not valid UTF-8 (" + raw.getByteLength() + " bytes)", false);
        }
    }

    @Override
    protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in, Object state)
            throws IOException {
        try {
            super.readField(record, field, oldDatum, in, state);
        } catch (InvalidUtf8Exception e) {
            throw e.named ? e : new InvalidUtf8Exception(field.name() + " " + e.getMessage(), true);
        }
    }
}
