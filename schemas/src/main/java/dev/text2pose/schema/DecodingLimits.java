package dev.text2pose.schema;

import org.apache.avro.SystemLimitException;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Avro's own decoding limits (since Avro 1.11.3): the longest string and bytes value and the most collection items a
 * message may claim. Avro checks a claimed length against them <em>before</em> allocating for it, so an 18-byte message
 * that claims a 2 GB string is refused at no cost instead of exhausting the heap.
 *
 * <p>Avro reads the limits from system properties once per JVM, when its first encoder or decoder runs; whatever ran
 * first (a producer encoding a message, a library) would fix Avro's defaults of 2 GB. {@link #install()} therefore sets
 * the properties and makes Avro read them again, then checks that Avro applies them.
 *
 * @param maxStringBytes     longest string (and bytes) value, in encoded bytes
 * @param maxCollectionItems most items in one array or map
 */
public record DecodingLimits(int maxStringBytes, int maxCollectionItems) {

    private static final Pattern AVRO_MESSAGE = Pattern.compile("(String|Bytes|Collection) length (\\d+) exceeds.*");
    private static volatile DecodingLimits installed;

    public DecodingLimits {
        if (maxStringBytes < 1 || maxCollectionItems < 1) {
            throw new IllegalArgumentException("decoding limits must be positive, got " + maxStringBytes + " bytes, "
                    + maxCollectionItems + " items");
        }
    }

    /**
     * Sets Avro's limit properties to these values for this JVM and checks that Avro applies them.
     *
     * @throws IllegalStateException when Avro does not apply them (an Avro version without these limits)
     */
    public void install() {
        System.setProperty(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, Integer.toString(maxStringBytes));
        System.setProperty(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, Integer.toString(maxStringBytes));
        System.setProperty(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, Integer.toString(maxCollectionItems));
        rereadAvroLimits();
        if (!refuses(() -> SystemLimitException.checkMaxStringLength(maxStringBytes + 1L))
                || !refuses(() -> SystemLimitException.checkMaxBytesLength(maxStringBytes + 1L))
                || !refuses(() -> SystemLimitException.checkMaxCollectionLength(maxCollectionItems + 1L))) {
            throw new IllegalStateException("Avro does not apply the decoding limits " + this);
        }
        installed = this;
    }

    /** The limits {@link #install()} set in this JVM, if any. */
    public static Optional<DecodingLimits> installed() {
        return Optional.ofNullable(installed);
    }

    /**
     * The explanation of a refused length claim, e.g. {@code "string: claimed length 2147483639 exceeds limit 4000
     * bytes"}; empty when {@code e}'s message is not one of Avro's length refusals.
     */
    public Optional<String> explain(SystemLimitException e) {
        Matcher m = AVRO_MESSAGE.matcher(String.valueOf(e.getMessage()));
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean collection = m.group(1).equals("Collection");
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT) + ": claimed length " + m.group(2) + " exceeds limit "
                + (collection ? maxCollectionItems + " items" : maxStringBytes + " bytes"));
    }

    /** Avro's own hook for re-reading the properties (package-private, used by Avro's tests since 1.11.3). */
    private static void rereadAvroLimits() {
        try {
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot make Avro read its decoding limits again", e);
        }
    }

    private static boolean refuses(Runnable check) {
        try {
            check.run();
            return false;
        } catch (SystemLimitException expected) {
            return true;
        }
    }
}
