package dev.text2pose.trainer.cli;

import dev.text2pose.model.OrtSessions;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.data.CaptionEmbedder;

import java.util.List;

/**
 * The serving text encoder as a {@link CaptionEmbedder} that opens MiniLM only when a caption is not in the
 * embedding cache: a rerun over cached captions then skips loading the 90 MB model. The id is MiniLM's constant, so
 * the cache is keyed the same whether or not the model was opened.
 */
final class LazyMiniLm implements CaptionEmbedder, AutoCloseable {

    private final OrtSessions sessions;
    private MiniLmEncoder encoder;

    LazyMiniLm(OrtSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String id() {
        return MiniLmEncoder.ID;
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
