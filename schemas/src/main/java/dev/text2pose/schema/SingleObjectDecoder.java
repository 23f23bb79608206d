package dev.text2pose.schema;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads Avro single-object messages strictly: the marker, a known fingerprint, a body that parses with valid UTF-8
 * text, and nothing after it. Avro's {@code BinaryMessageDecoder} ignores trailing bytes, turns invalid UTF-8 into
 * U+FFFD and reports a fingerprint in decimal; every refusal here says what was expected and what was found.
 *
 * @param <T> the generated event class
 */
final class SingleObjectDecoder<T> {

    private static final int HEADER_BYTES = 10;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final Schema readerSchema;
    private final Map<Long, Schema> writers = new LinkedHashMap<>();
    private final Map<Long, StrictTextReader<T>> readers = new ConcurrentHashMap<>();

    SingleObjectDecoder(Schema readerSchema) {
        this.readerSchema = readerSchema;
        addSchema(readerSchema);
    }

    /** Accepts messages written with {@code writer} too. Not thread-safe: call before decoding. */
    void addSchema(Schema writer) {
        writers.put(SchemaNormalization.parsingFingerprint64(writer), writer);
    }

    /** @throws MalformedEventException naming what is wrong, with expected and received bytes where they apply */
    T decode(byte[] message) {
        if (message.length < HEADER_BYTES || message[0] != (byte) 0xC3 || message[1] != 0x01) {
            throw new MalformedEventException("not an Avro single-object message: expected the marker C3 01 and an "
                    + "8-byte fingerprint, received " + HEX.formatHex(message, 0, Math.min(message.length, HEADER_BYTES))
                    + (message.length < HEADER_BYTES ? " (" + message.length + " bytes in all)" : ""));
        }
        long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        StrictTextReader<T> reader = reader(fingerprint);
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(message, HEADER_BYTES, message.length - HEADER_BYTES,
                null);
        T event;
        try {
            event = reader.read(null, in);
        } catch (EOFException e) {
            throw new MalformedEventException("truncated " + readerSchema.getName() + " body: its "
                    + (message.length - HEADER_BYTES) + " bytes end before the last field is complete", e);
        } catch (SystemLimitException e) {
            throw new MalformedEventException(readerSchema.getName() + " body refused before allocating, "
                    + DecodingLimits.installed().flatMap(limits -> limits.explain(e)).orElse(e.getMessage()), e);
        } catch (MalformedEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("corrupt " + readerSchema.getName() + " body: " + e, e);
        }
        requireEnd(in, message.length);
        return event;
    }

    private StrictTextReader<T> reader(long fingerprint) {
        Schema writer = writers.get(fingerprint);
        if (writer == null) {
            throw new MalformedEventException("unknown writer schema fingerprint: received " + hex(fingerprint)
                    + ", expected " + hex(SchemaNormalization.parsingFingerprint64(readerSchema)) + " (today's "
                    + readerSchema.getName() + ")" + released() + "; a newer writer's schema must be given to this "
                    + "reader");
        }
        return readers.computeIfAbsent(fingerprint, f -> new StrictTextReader<>(writer, readerSchema));
    }

    private static void requireEnd(BinaryDecoder in, int messageBytes) {
        try {
            if (!in.isEnd()) {
                int trailing = in.inputStream().available();
                throw new MalformedEventException(trailing + " trailing bytes after a complete body (message of "
                        + messageBytes + " bytes)");
            }
        } catch (IOException e) {
            throw new MalformedEventException("cannot check the end of the message: " + e, e);
        }
    }

    private String released() {
        long today = SchemaNormalization.parsingFingerprint64(readerSchema);
        String others = writers.keySet().stream().filter(f -> f != today).map(SingleObjectDecoder::hex)
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "" : " or a released one (" + others + ")";
    }

    /** A fingerprint as its 8 bytes appear in the message (little-endian), as a hex dump shows them. */
    static String hex(long fingerprint) {
        return HEX.formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
    }
}
