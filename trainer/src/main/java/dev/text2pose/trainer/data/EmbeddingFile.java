package dev.text2pose.trainer.data;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The on-disk format of one encoder's caption embeddings: a map from the SHA-256 of a caption to its vector.
 *
 * <p>Layout, big-endian: the magic {@code "T2PEMB01"} (8 bytes); the encoder id as an int length and UTF-8 bytes;
 * the dimension (int); the entry count (int); then per entry the 32-byte SHA-256 of the caption's UTF-8 text and
 * {@code dimension} floats. Storing the id inside the file, not only in its name, lets a reader refuse a file that
 * belongs to another encoder. Keys are hashes, not texts, so the file's size does not depend on caption length.
 *
 * <p>Files are written to a temporary sibling and moved into place, so a reader never sees half a file even if a
 * write is killed or two runs write at once (then the last one wins, and the other's new entries are simply
 * computed again next time).
 */
final class EmbeddingFile {

    private static final byte[] MAGIC = "T2PEMB01".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;

    private EmbeddingFile() {
    }

    /** The cache key of a caption: the hex SHA-256 of its UTF-8 text, exactly as given. */
    static String key(String caption) {
        return HexFormat.of().formatHex(DatasetHash.sha256().digest(caption.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads the entries of {@code file}, or returns {@code null} if there is no such file.
     *
     * @throws IOException if the file cannot be read, is not in this format, or belongs to another encoder id;
     *                     the cache treats all of these as "no usable cache" and rebuilds it
     */
    static Map<String, float[]> read(Path file, String encoderId) throws IOException {
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            byte[] id = new byte[in.getInt()];
            in.get(id);
            if (!Arrays.equals(magic, MAGIC) || !encoderId.equals(new String(id, StandardCharsets.UTF_8))) {
                throw new IOException("not a caption embedding file of encoder '" + encoderId + "'");
            }
            int dimension = in.getInt();
            int count = in.getInt();
            if (dimension <= 0 || count < 0 || in.remaining() != (long) count * (KEY_BYTES + 4L * dimension)) {
                throw new IOException("truncated or inconsistent: " + count + " entries of " + dimension
                        + " floats do not fit " + in.remaining() + " bytes");
            }
            Map<String, float[]> entries = new HashMap<>(count * 2);
            byte[] key = new byte[KEY_BYTES];
            for (int i = 0; i < count; i++) {
                in.get(key);
                float[] vector = new float[dimension];
                in.asFloatBuffer().get(vector);
                in.position(in.position() + 4 * dimension);
                entries.put(HexFormat.of().formatHex(key), vector);
            }
            return entries;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IOException("truncated caption embedding file", e);
        }
    }

    /** Writes {@code entries} (all vectors of one length) to {@code file}, replacing it atomically. */
    static void write(Path file, String encoderId, Map<String, float[]> entries) throws IOException {
        byte[] id = encoderId.getBytes(StandardCharsets.UTF_8);
        int dimension = entries.isEmpty() ? 1 : entries.values().iterator().next().length;
        long size = MAGIC.length + 4L + id.length + 8L + (long) entries.size() * (KEY_BYTES + 4L * dimension);
        if (size > Integer.MAX_VALUE) {
            throw new IOException("caption embedding cache would exceed 2 GB (" + entries.size() + " captions)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(id.length).put(id).putInt(dimension).putInt(entries.size());
        for (Map.Entry<String, float[]> entry : entries.entrySet()) {
            out.put(HexFormat.of().parseHex(entry.getKey()));
            out.asFloatBuffer().put(entry.getValue());
            out.position(out.position() + 4 * dimension);
        }
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, out.array());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
