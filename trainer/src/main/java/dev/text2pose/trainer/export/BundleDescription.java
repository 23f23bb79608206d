package dev.text2pose.trainer.export;

import java.util.Map;
import java.util.Objects;

/**
 * What the caller knows about a generator that its weights do not say; the exporter adds the shapes and the model
 * version and records the whole as {@link dev.text2pose.model.BundleMetadata}.
 *
 * @param trained           false for a randomly initialised generator
 * @param textEncoder       id of the sentence encoder whose raw output the bundle takes
 * @param embeddingScale    the factor the generator was trained with; the graph applies it to the raw embedding
 * @param presenceThreshold a decoded keypoint is present above this confidence
 * @param provenance        how the weights were made (seed, preset, steps, data hash, code version, created)
 * @param presence          per-keypoint presence calibration the graph applies, or {@code null} for none
 */
public record BundleDescription(
        boolean trained,
        String textEncoder,
        float embeddingScale,
        float presenceThreshold,
        Map<String, String> provenance,
        PresenceCalibration presence) {

    public BundleDescription {
        Objects.requireNonNull(textEncoder, "textEncoder");
        if (!(embeddingScale > 0f) || Float.isInfinite(embeddingScale)) {
            throw new IllegalArgumentException("embeddingScale must be a positive number, got " + embeddingScale);
        }
        provenance = Map.copyOf(provenance);
        if (presence != null && presence.target() != presenceThreshold) {
            throw new IllegalArgumentException("the calibration maps to " + presence.target()
                    + ", the bundle's threshold is " + presenceThreshold);
        }
    }

    /** This description with {@code calibration} applied in the graph. */
    public BundleDescription withPresence(PresenceCalibration calibration) {
        return new BundleDescription(trained, textEncoder, embeddingScale, presenceThreshold, provenance,
                calibration);
    }
}
