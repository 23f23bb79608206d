package dev.text2pose.trainer.data;

import dev.text2pose.text.EncoderFingerprint;

import java.util.List;
import java.util.function.Function;

/**
 * Turns captions into sentence vectors; what {@link EmbeddingCache} needs of a text encoder, and no more.
 *
 * <p>Declared here rather than depending on the shared text encoder class, so the data package builds and tests
 * with a fake and any encoder (MiniLM, a fastText {@code .vec} loader) plugs in with one line:
 * {@code CaptionEmbedder.of(encoder.fingerprint(), encoder::encode)}.
 */
public interface CaptionEmbedder {

    /**
     * Identifies the encoder and everything that changes its output (model and tokenizer files, token limit,
     * pooling). The cache is keyed by it, so it must change whenever the vectors would; equal fingerprints must
     * mean equal vectors.
     */
    EncoderFingerprint fingerprint();

    /**
     * Embeds {@code captions}, one vector per caption in the same order, all of the same length. Called with
     * batches of at most {@link EmbeddingCache#BATCH_SIZE} captions.
     */
    float[][] embed(List<String> captions);

    /** An embedder with the given fingerprint that delegates to {@code embed}, e.g. a method reference. */
    static CaptionEmbedder of(EncoderFingerprint fingerprint, Function<List<String>, float[][]> embed) {
        return new CaptionEmbedder() {
            @Override
            public EncoderFingerprint fingerprint() {
                return fingerprint;
            }

            @Override
            public float[][] embed(List<String> captions) {
                return embed.apply(captions);
            }
        };
    }
}
