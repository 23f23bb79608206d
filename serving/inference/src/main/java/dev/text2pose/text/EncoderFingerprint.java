package dev.text2pose.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exactly which text encoder made a set of caption vectors: its id, the SHA-256 of its ONNX file and of its
 * {@code tokenizer.json}, its token limit and its pooling.
 *
 * <p>An id alone names a model, not the bytes that run: a rebuilt or re-quantised ONNX file, another tokenizer
 * revision or a different truncation gives other vectors under the same name. The fingerprint is recorded wherever
 * vectors are made or consumed (the caption-embedding cache key, training data, checkpoints, bundle metadata), and
 * the service refuses a bundle whose fingerprint is not the one of the encoder it runs.
 *
 * @param id              the encoder's id, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param onnxSha256      lowercase hex SHA-256 of the encoder's ONNX file
 * @param tokenizerSha256 lowercase hex SHA-256 of its {@code tokenizer.json}
 * @param maxTokens       tokens kept per caption, special tokens included
 * @param pooling         how token vectors become one sentence vector, e.g. {@code mean,l2}
 */
public record EncoderFingerprint(String id, String onnxSha256, String tokenizerSha256, int maxTokens,
                                 String pooling) {

    private static final String ONNX_KEY = "onnx_sha256";
    private static final String TOKENIZER_KEY = "tokenizer_sha256";
    private static final String MAX_TOKENS_KEY = "max_tokens";
    private static final String POOLING_KEY = "pooling";
    private static final List<String> KEYS = List.of(ONNX_KEY, TOKENIZER_KEY, MAX_TOKENS_KEY, POOLING_KEY);
    private static final String SEPARATOR = ";";

    public EncoderFingerprint {
        for (String text : new String[] {id, onnxSha256, tokenizerSha256, pooling}) {
            if (text == null || text.isBlank() || text.contains(SEPARATOR) || text.contains("\n")) {
                throw new IllegalArgumentException("encoder fingerprint fields must be non-blank, on one line and "
                        + "free of '" + SEPARATOR + "': " + id + ", " + onnxSha256 + ", " + tokenizerSha256 + ", " + pooling);
            }
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        }
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** SHA-256 of a text's UTF-8 bytes, for encoders whose files are generated (tests). */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One line that holds every field, e.g. for a cache key or a properties file:
     * {@code id;onnx_sha256=…;tokenizer_sha256=…;max_tokens=256;pooling=mean,l2}. {@link #parse} reads it back.
     */
    public String key() {
        StringBuilder s = new StringBuilder(id);
        fields().forEach((k, v) -> s.append(SEPARATOR).append(k).append('=').append(v));
        return s.toString();
    }

    /**
     * Reads {@link #key()}.
     *
     * @throws IllegalArgumentException when {@code key} is not in that form
     */
    public static EncoderFingerprint parse(String key) {
        String[] parts = key.split(SEPARATOR, -1);
        if (parts.length != KEYS.size() + 1) {
            throw new IllegalArgumentException("not an encoder fingerprint: " + key);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not an encoder fingerprint: " + key);
            }
            fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return fromProperties(parts[0], fields, "").orElseThrow(() ->
                new IllegalArgumentException("not an encoder fingerprint: " + key));
    }

    /** The fields beside the id, as {@code prefix + name -> value}, for flat metadata. */
    public Map<String, String> toProperties(String prefix) {
        Map<String, String> props = new LinkedHashMap<>();
        fields().forEach((k, v) -> props.put(prefix + k, v));
        return props;
    }

    /**
     * The fingerprint of encoder {@code id} whose other fields {@link #toProperties} wrote under {@code prefix}.
     *
     * @return empty when none of them is there (metadata written before fingerprints existed)
     * @throws IllegalArgumentException when only some are there, or one is malformed
     */
    public static Optional<EncoderFingerprint> fromProperties(String id, Map<String, String> props, String prefix) {
        long present = KEYS.stream().filter(k -> props.containsKey(prefix + k)).count();
        if (present == 0) {
            return Optional.empty();
        }
        if (present != KEYS.size()) {
            throw new IllegalArgumentException("an encoder fingerprint needs all of " + KEYS + " under '" + prefix
                    + "', found " + present);
        }
        try {
            return Optional.of(new EncoderFingerprint(id, props.get(prefix + ONNX_KEY),
                    props.get(prefix + TOKENIZER_KEY), Integer.parseInt(props.get(prefix + MAX_TOKENS_KEY)),
                    props.get(prefix + POOLING_KEY)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + prefix + MAX_TOKENS_KEY + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ONNX_KEY, onnxSha256);
        fields.put(TOKENIZER_KEY, tokenizerSha256);
        fields.put(MAX_TOKENS_KEY, Integer.toString(maxTokens));
        fields.put(POOLING_KEY, pooling);
        return fields;
    }

    @Override
    public String toString() {
        return key();
    }
}
