package dev.text2pose.trainer.cli;

import dev.text2pose.model.OrtSessions;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.data.CaptionEmbedder;

import java.util.List;

/**
 * The serving text encoder as a {@link CaptionEmbedder} that opens MiniLM only when a caption is not in the
 * embedding cache: a rerun over cached captions then skips opening the 90 MB model in ONNX Runtime. The fingerprint
 * is hashed from the same classpath files the encoder would open, so the cache is keyed the same whether or not
 * the model was opened.
 */
final class LazyMiniLm implements CaptionEmbedder, AutoCloseable {

    private final OrtSessions sessions;
    private MiniLmEncoder encoder;
    private EncoderFingerprint fingerprint;

    LazyMiniLm(OrtSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public synchronized EncoderFingerprint fingerprint() {
        if (fingerprint == null) {
            fingerprint = MiniLmEncoder.classpathFingerprint();
        }
        return fingerprint;
    }

    @Override
    public synchronized float[][] embed(List<String> captions) {
        if (encoder == null) {
            encoder = MiniLmEncoder.load(sessions);
        }
        return encoder.encode(captions);
    }

    @Override
    public synchronized void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
