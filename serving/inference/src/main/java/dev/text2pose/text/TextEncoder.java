package dev.text2pose.text;

import dev.text2pose.model.OrtSessions;

import java.util.List;

/**
 * Turns captions into fixed-length sentence vectors: the text condition of the generator.
 *
 * <p>An interface because the paper's encoder (fastText, 300-d) cannot be had here and MiniLM stands in for it; a
 * bundle records the {@link #fingerprint()} of the encoder it was trained with, and the generator refuses an encoder
 * with another one.
 * Vectors are the encoder's raw output (unit length for MiniLM): any scaling lives inside the exported graph.
 *
 * <p>Implementations must allow {@link #encode} from several threads at once, because the service runs
 * inference on a worker pool; {@link #close()} must not race with {@code encode}.
 */
public interface TextEncoder extends AutoCloseable {

    /** Opens the default encoder, {@link MiniLmEncoder}, on the given sessions' provider. */
    static TextEncoder miniLm(OrtSessions sessions) {
        return MiniLmEncoder.load(sessions);
    }

    /** Exactly which encoder this is (id, file hashes, token limit, pooling); bundles record it. */
    EncoderFingerprint fingerprint();

    /** Names the encoder, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}: the fingerprint's id. */
    default String id() {
        return fingerprint().id();
    }

    /** Length of every vector {@link #encode} returns. */
    int dimension();

    /**
     * Encodes a batch of captions in one pass.
     *
     * @return one vector of length {@link #dimension()} per caption, in the captions' order
     */
    float[][] encode(List<String> captions);

    /** Encodes one caption; prefer the batch form, which amortises the model call. */
    default float[] encode(String caption) {
        return encode(List.of(caption))[0];
    }

    /** Frees native resources; no checked exception, so try-with-resources stays plain. */
    @Override
    void close();
}
