package dev.text2pose.model;

import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.text.TextEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stand-in for MiniLM that answers instantly: a caption's vector is a unit vector drawn from its hash. It keeps
 * every batch it was asked for, so tests can count encoder calls.
 */
final class FakeEncoder implements TextEncoder {

    final List<List<String>> calls = new ArrayList<>();
    private final EncoderFingerprint fingerprint;

    FakeEncoder() {
        this(MiniLmEncoder.ID);
    }

    FakeEncoder(String id) {
        this(fingerprint(id));
    }

    FakeEncoder(EncoderFingerprint fingerprint) {
        this.fingerprint = fingerprint;
    }

    @Override
    public EncoderFingerprint fingerprint() {
        return fingerprint;
    }

    /** A fingerprint for encoder {@code id} whose hashes are those of made-up file contents. */
    static EncoderFingerprint fingerprint(String id) {
        return new EncoderFingerprint(id, EncoderFingerprint.sha256("fake model " + id),
                EncoderFingerprint.sha256("fake tokenizer " + id), MiniLmEncoder.MAX_TOKENS, MiniLmEncoder.POOLING);
    }

    @Override
    public int dimension() {
        return MiniLmEncoder.DIMENSION;
    }

    @Override
    public synchronized float[][] encode(List<String> captions) {
        calls.add(List.copyOf(captions));
        float[][] vectors = new float[captions.size()][];
        for (int i = 0; i < vectors.length; i++) {
            SplittableRandom random = new SplittableRandom(captions.get(i).hashCode());
            float[] v = new float[dimension()];
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) (random.nextDouble() - 0.5);
                norm += v[d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            vectors[i] = v;
        }
        return vectors;
    }

    @Override
    public void close() {
    }
}
