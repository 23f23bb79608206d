package dev.text2pose.trainer.data;

import dev.text2pose.text.EncoderFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caption embeddings computed once and kept on disk, so a training run does not re-run the text encoder over
 * every caption each time it starts.
 *
 * <p>Layout: one file per encoder fingerprint, {@code <directory>/caption-embeddings/<id>-<hash>.bin}, where
 * {@code <id>} is the encoder id with characters outside {@code [A-Za-z0-9._-]} replaced by {@code _} (cut to 64)
 * and {@code <hash>} the first 12 hex digits of the SHA-256 of the whole {@link EncoderFingerprint#key()} (id, file
 * hashes, token limit, pooling), so distinct encoders never share a file. Inside,
 * each caption's vector is keyed by the SHA-256 of its text (see {@link EmbeddingFile}). Hence:
 * <ul>
 *   <li>a second run with the same captions embeds nothing;</li>
 *   <li>new captions (more data, another split) are embedded alone and added; the old ones are reused;</li>
 *   <li>a changed encoder (another id, or the same id with other model or tokenizer bytes) reads a different
 *       file, so stale vectors are never served.</li>
 * </ul>
 * The vectors are the encoder's raw output; any scaling the model applies happens downstream. The directory is the
 * caller's choice (the CLI uses {@code target/} or {@code ~/.cache/text2pose}); it must never be the data folder.
 * A cache file that cannot be read is logged and rebuilt: the cache is only ever a copy of what the encoder gives.
 */
public final class EmbeddingCache {

    /** Captions per call to the embedder: large enough to batch well, small enough to bound its memory. */
    public static final int BATCH_SIZE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

    private final Path directory;

    /** Where the CLI keeps caches unless told otherwise: {@code ~/.cache/text2pose}, outside any data folder. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "text2pose");
    }

    /** @param directory where cache files live; created on first write */
    public EmbeddingCache(Path directory) {
        this.directory = directory;
    }

    /**
     * The embeddings of {@code captions}, row {@code i} for caption {@code i}, from the cache where present and from
     * {@code embedder} otherwise. Equal captions may share one row array, so treat rows as read-only.
     *
     * @throws IOException           if new embeddings cannot be written to the cache
     * @throws IllegalStateException if the embedder returns the wrong number of vectors or a dimension that differs
     *                               from its earlier vectors under the same fingerprint
     */
    public float[][] embed(List<String> captions, CaptionEmbedder embedder) throws IOException {
        String encoderKey = embedder.fingerprint().key();
        Path file = fileFor(embedder.fingerprint());
        Map<String, float[]> stored = load(file, encoderKey);
        Map<String, String> missing = new LinkedHashMap<>();
        for (String caption : captions) {
            String key = EmbeddingFile.key(caption);
            if (!stored.containsKey(key)) {
                missing.putIfAbsent(key, caption);
            }
        }
        int reused = stored.size();
        if (!missing.isEmpty()) {
            computeInto(stored, missing, embedder);
            EmbeddingFile.write(file, encoderKey, stored);
        }
        LOG.info("caption embeddings of '{}': {} captions, {} computed, {} in cache {}", embedder.fingerprint().id(),
                captions.size(), missing.size(), reused, file);
        float[][] rows = new float[captions.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = stored.get(EmbeddingFile.key(captions.get(i)));
        }
        return rows;
    }

    /** The cache file of the encoder with fingerprint {@code encoder}. */
    public Path fileFor(EncoderFingerprint encoder) {
        String safe = encoder.id().replaceAll("[^A-Za-z0-9._-]", "_");
        safe = safe.substring(0, Math.min(safe.length(), 64));
        String hash = EmbeddingFile.key(encoder.key()).substring(0, 12);
        return directory.resolve("caption-embeddings").resolve(safe + "-" + hash + ".bin");
    }

    private static Map<String, float[]> load(Path file, String encoderId) {
        try {
            Map<String, float[]> entries = EmbeddingFile.read(file, encoderId);
            return entries == null ? new HashMap<>() : entries;
        } catch (IOException e) {
            LOG.warn("ignoring unreadable caption embedding cache {} ({}); it will be rebuilt", file, e.getMessage());
            return new HashMap<>();
        }
    }

    private static void computeInto(Map<String, float[]> stored, Map<String, String> missing,
                                    CaptionEmbedder embedder) {
        int dimension = stored.isEmpty() ? -1 : stored.values().iterator().next().length;
        List<String> keys = new ArrayList<>(missing.keySet());
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            List<String> batchKeys = keys.subList(from, Math.min(keys.size(), from + BATCH_SIZE));
            List<String> batch = batchKeys.stream().map(missing::get).toList();
            float[][] vectors = embedder.embed(batch);
            if (vectors.length != batch.size()) {
                throw new IllegalStateException("encoder '" + embedder.fingerprint().id() + "' returned " + vectors.length
                        + " vectors for " + batch.size() + " captions");
            }
            for (int i = 0; i < vectors.length; i++) {
                dimension = dimension < 0 ? vectors[i].length : dimension;
                if (vectors[i].length != dimension || dimension == 0) {
                    throw new IllegalStateException("encoder '" + embedder.fingerprint().id() + "' returned a vector of "
                            + vectors[i].length + " floats, earlier ones had " + dimension
                            + "; an encoder whose output changes needs a new fingerprint");
                }
                stored.put(batchKeys.get(i), vectors[i].clone());
            }
        }
    }
}
