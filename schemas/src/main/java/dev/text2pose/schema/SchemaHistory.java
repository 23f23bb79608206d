package dev.text2pose.schema;

import org.apache.avro.Schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The released versions of each schema, shipped as resources so that today's reader still knows the fingerprints
 * of messages written by older producers.
 *
 * <p>Layout: {@code /dev/text2pose/schema/history/index.txt} lists one file name per line, each a released
 * {@code .avsc} in the same folder, named {@code <Record>-v<N>.avsc}. When a schema changes, copy the released version
 * there, add it to the index, and add a golden message for it to the tests.
 */
public final class SchemaHistory {

    private static final String FOLDER = "/dev/text2pose/schema/history/";

    private SchemaHistory() {
    }

    /** Every released version of the record with the given full name (possibly none besides today's). */
    public static List<Schema> released(String fullName) {
        List<Schema> schemas = new ArrayList<>();
        for (String file : index()) {
            Schema schema = parse(file);
            if (schema.getFullName().equals(fullName)) {
                schemas.add(schema);
            }
        }
        return schemas;
    }

    private static List<String> index() {
        try (InputStream in = SchemaHistory.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history index", e);
        }
    }

    private static Schema parse(String file) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("schema history lists " + file + " but it is not on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + file, e);
        }
    }
}
