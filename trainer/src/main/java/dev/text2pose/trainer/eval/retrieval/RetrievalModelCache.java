package dev.text2pose.trainer.eval.retrieval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Trained retrieval models kept on disk, so a second evaluation of the same data does not train again.
 *
 * <p>A model is stored at {@code <directory>/retrieval-models/<key>.pt} (libtorch's archive format), where the key
 * is the first 16 hex digits of a SHA-256 over a format tag, the training data's hash (which covers the poses and captions, see
 * {@link dev.text2pose.trainer.data.DatasetHash}), the text encoder id, every {@link RetrievalSettings} field and the
 * seed. Any change to those trains a new model; equal keys mean a model trained identically. The tag changed from
 * {@code v1} to {@code v2} when the judge moved from hand-written Java to libtorch (another initialisation and
 * arithmetic, so another model), which leaves the old {@code .bin} files unused; they can be deleted. A file that cannot be
 * read is logged and replaced: the cache only ever holds what training would give again. Writes go to a temporary
 * file that is then moved, so a killed run never leaves half a model.
 */
public final class RetrievalModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(RetrievalModelCache.class);

    private final Path directory;

    /** @param directory the cache root; created on the first write */
    public RetrievalModelCache(Path directory) {
        this.directory = directory;
    }

    /**
     * The cached model for this key, or {@code train}'s, which is then cached.
     *
     * @param textWidth length of the caption vectors, which the key implies through the encoder; needed to shape
     *                  the model a file is read into
     */
    public TextPoseRetrievalModel loadOrTrain(String dataHash, String encoderId, RetrievalSettings settings,
                                              long seed, int textWidth, Supplier<TextPoseRetrievalModel> train)
            throws IOException {
        Path file = fileFor(dataHash, encoderId, settings, seed);
        if (Files.isRegularFile(file)) {
            try {
                TextPoseRetrievalModel model = TextPoseRetrievalModel.read(file, textWidth, settings);
                LOG.info("retrieval model from cache {}", file);
                return model;
            } catch (RuntimeException e) { // libtorch's error for a file that is not an archive of this shape
                // libtorch's messages carry a native stack trace; its first line says what was wrong
                String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                LOG.warn("ignoring unreadable retrieval model {} ({}); training again", file, reason);
            }
        }
        TextPoseRetrievalModel model = train.get();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
        try {
            model.write(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("retrieval model cached at {}", file);
        return model;
    }

    /** Where the model for this key lives. */
    public Path fileFor(String dataHash, String encoderId, RetrievalSettings settings, long seed) {
        String identity = String.join("\n", "text2pose-retrieval-v2-libtorch", dataHash, encoderId, settings.toString(),
                Long.toString(seed));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return directory.resolve("retrieval-models").resolve(HexFormat.of().formatHex(digest, 0, 8) + ".pt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
