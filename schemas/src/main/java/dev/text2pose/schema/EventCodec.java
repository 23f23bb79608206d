package dev.text2pose.schema;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * Single-object Avro encoding of the text2pose events, with no schema registry.
 *
 * <p>Every message is the marker {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer's schema, then the
 * binary body. A reader decodes any message whose writer schema it knows: today's schema, every released schema in
 * {@link SchemaHistory}, and any extra schemas it is given (how a reader learns a newer producer's schema before its
 * own code is upgraded). Fields unknown to the reader are skipped and fields it lacks take their defaults.
 *
 * <p>Loading this class trusts the generated classes with Avro's class security validator (Avro 1.12 refuses to
 * instantiate untrusted classes, which would otherwise turn every message into a dead letter).
 *
 * @param <T> the generated event class
 */
public final class EventCodec<T extends SpecificRecordBase> {

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                ClassSecurityValidator.builder()
                        .add(CaptionEvent.class).add(Interpolation.class)
                        .add(PoseEvent.class).add(PoseFrame.class).add(KeypointValue.class)
                        .build()));
    }

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final SingleObjectDecoder<T> decoder;

    private EventCodec(Schema schema, Collection<Schema> extraWriterSchemas) {
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        this.decoder = new SingleObjectDecoder<>(schema);
        SchemaHistory.released(schema.getFullName()).forEach(decoder::addSchema);
        extraWriterSchemas.forEach(decoder::addSchema);
    }

    /** A codec for caption requests that knows today's and every released CaptionEvent schema. */
    public static EventCodec<CaptionEvent> captions() {
        return captions(List.of());
    }

    /** As {@link #captions()}, also accepting messages written with the given (e.g. newer) schemas. */
    public static EventCodec<CaptionEvent> captions(Collection<Schema> extraWriterSchemas) {
        return new EventCodec<>(CaptionEvent.getClassSchema(), extraWriterSchemas);
    }

    /** A codec for pose answers that knows today's and every released PoseEvent schema. */
    public static EventCodec<PoseEvent> poses() {
        return poses(List.of());
    }

    /** As {@link #poses()}, also accepting messages written with the given (e.g. newer) schemas. */
    public static EventCodec<PoseEvent> poses(Collection<Schema> extraWriterSchemas) {
        return new EventCodec<>(PoseEvent.getClassSchema(), extraWriterSchemas);
    }

    /** The schema this codec writes with. */
    public Schema schema() {
        return schema;
    }

    /** Encodes one event as a single-object message. Thread-safe. */
    public byte[] encode(T event) {
        try {
            return encoder.encode(event).array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getName(), e);
        }
    }

    /**
     * Decodes one single-object message strictly. Thread-safe.
     *
     * @throws MalformedEventException when the bytes are not a single-object message, were written with a schema this
     *                                 reader does not know (the text names both fingerprints in hex), claim a length
     *                                 over the installed {@link DecodingLimits}, end before the body does, hold text
     *                                 that is not valid UTF-8 (naming the field), or go on after the body
     */
    public T decode(byte[] message) {
        if (message == null) {
            throw new MalformedEventException("no value (null record)");
        }
        return decoder.decode(message);
    }
}
