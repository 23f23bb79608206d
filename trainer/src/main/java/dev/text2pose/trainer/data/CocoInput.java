package dev.text2pose.trainer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Opens a COCO annotation file, plain or gzip-compressed, as a streaming JSON parser.
 *
 * <p>Compression is detected from the first two bytes (the gzip magic {@code 1f 8b}), not from the file name, so a
 * user can point at the official {@code .json}, our {@code .json.gz}, or a renamed copy of either. The parser reads
 * tokens one at a time: the 46 MB train file never exists as a tree in memory, which keeps loading to a few seconds
 * and to the memory of the records actually kept.
 *
 * <p>The small read helpers below are lenient on purpose: a value of the wrong type reads as absent ({@code null},
 * or {@code NaN} inside a number array) instead of throwing, so one damaged annotation becomes a counted bad record
 * rather than a failed load. Only broken JSON syntax fails the load.
 */
final class CocoInput {

    /** Large buffers: the files are read once, front to back, and gzip inflates far faster in big chunks. */
    private static final int BUFFER_BYTES = 1 << 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // COCO coordinates are decimals such as 412.8; the fast parser halves the time spent on them.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private CocoInput() {
    }

    /**
     * Opens {@code path} for streaming; the caller closes the parser, which closes the file.
     *
     * @throws IOException if the file cannot be opened
     */
    static JsonParser open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        try {
            InputStream in = isGzip(raw) ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES)
                    : raw;
            JsonParser parser = FACTORY.createParser(in);
            parser.enable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return parser;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads one element of a JSON array; called with the parser on the element's {@code START_OBJECT}. */
    @FunctionalInterface
    interface ObjectReader {
        void read(JsonParser parser) throws IOException;
    }

    /**
     * Calls {@code reader} for every object in the array the parser is on. Anything that is not an array of
     * objects is skipped, which the caller sees as an empty or absent section.
     */
    static void forEachObject(JsonParser parser, ObjectReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                reader.read(parser);
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * Moves to the next field of the current object and onto its value, returning the field name, or
     * {@code null} at the end of the object. The caller either reads the value with one of the helpers below or
     * calls {@link JsonParser#skipChildren()}, which skips an unknown value whole (a segmentation polygon costs
     * no allocation).
     */
    static String nextField(JsonParser parser) throws IOException {
        String field = parser.nextFieldName();
        if (field != null) {
            parser.nextToken();
        }
        return field;
    }

    /** The current value as a whole number, or {@code null} if it is not a number or not integral. */
    static Long longOrNull(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            return value == Math.rint(value) ? (long) value : null;
        }
        parser.skipChildren();
        return null;
    }

    /** The current value as a string, or {@code null} if it is not a string. */
    static String textOrNull(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** The current value as an int, or {@code null} as for {@link #longOrNull} or if it does not fit. */
    static Integer intOrNull(JsonParser parser) throws IOException {
        Long value = longOrNull(parser);
        return value == null || value != value.intValue() ? null : value.intValue();
    }

    /**
     * The current value as an array of floats, or {@code null} if it is not an array. Elements that are not
     * numbers become {@code NaN}, keeping the length, so the caller can judge the array as a whole.
     */
    static float[] floatsOrNull(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        float[] values = new float[51];
        int n = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            values[n++] = number ? parser.getFloatValue() : Float.NaN;
            parser.skipChildren();
        }
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}
