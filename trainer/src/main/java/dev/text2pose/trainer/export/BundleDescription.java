package dev.text2pose.trainer.export;

import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.trainer.model.PaperSpec;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller knows about a generator that its weights do not say; the exporter adds the shapes and the model
 * version and records the whole as {@link dev.text2pose.model.BundleMetadata}.
 *
 * @param trained           false for a randomly initialised generator
 * @param textEncoder       id of the sentence encoder whose raw output the bundle takes
 * @param encoderFingerprint exactly which encoder (id {@code textEncoder}) made the vectors it was trained on, or
 *                          {@code null} when the checkpoint predates fingerprints (the bundle is then checked by
 *                          id and dimension only)
 * @param embeddingScale    the factor the generator was trained with; the graph applies it to the raw embedding
 * @param presenceThreshold a decoded keypoint is present above this confidence
 * @param provenance        how the weights were made (seed, preset, steps, data hash, code version, created)
 * @param presence          per-keypoint presence calibration the graph applies, or {@code null} for none
 */
public record BundleDescription(
        boolean trained,
        String textEncoder,
        EncoderFingerprint encoderFingerprint,
        float embeddingScale,
        float presenceThreshold,
        Map<String, String> provenance,
        PresenceCalibration presence) {

    public BundleDescription {
        Objects.requireNonNull(textEncoder, "textEncoder");
        if (encoderFingerprint != null && !encoderFingerprint.id().equals(textEncoder)) {
            throw new IllegalArgumentException("the fingerprint is of " + encoderFingerprint.id() + ", not " + textEncoder);
        }
        if (!(embeddingScale > 0f) || Float.isInfinite(embeddingScale)) {
            throw new IllegalArgumentException("embeddingScale must be a positive number, got " + embeddingScale);
        }
        provenance = Map.copyOf(provenance);
        if (presence != null && presence.target() != presenceThreshold) {
            throw new IllegalArgumentException("the calibration maps to " + presence.target()
                    + ", the bundle's threshold is " + presenceThreshold);
        }
    }

    /** A description of a generator trained on vectors of {@code encoder}. */
    public static BundleDescription of(boolean trained, EncoderFingerprint encoder, float embeddingScale,
                                       float presenceThreshold, Map<String, String> provenance) {
        return new BundleDescription(trained, encoder.id(), encoder, embeddingScale, presenceThreshold, provenance,
                null);
    }

    /**
     * A randomly initialised generator's description: the paper's presence threshold and the provenance such a
     * bundle can have (its seed, no steps, no data).
     */
    public static BundleDescription untrained(EncoderFingerprint encoder, float embeddingScale, long seed,
                                              String codeVersion) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", Long.toString(seed));
        provenance.put("preset", "untrained");
        provenance.put("steps", "0");
        provenance.put("data_hash", "none");
        provenance.put("code_version", codeVersion);
        provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return of(false, encoder, embeddingScale, PaperSpec.PRESENCE_THRESHOLD, provenance);
    }

    /** This description with {@code calibration} applied in the graph. */
    public BundleDescription withPresence(PresenceCalibration calibration) {
        return new BundleDescription(trained, textEncoder, encoderFingerprint, embeddingScale, presenceThreshold,
                provenance, calibration);
    }

    /** This description with {@code more} provenance (its keys win). */
    public BundleDescription withProvenance(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(provenance);
        merged.putAll(more);
        return new BundleDescription(trained, textEncoder, encoderFingerprint, embeddingScale, presenceThreshold,
                merged, presence);
    }
}
