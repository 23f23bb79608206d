package dev.text2pose.model;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.text.EncoderFingerprint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model bundle says about itself, stored in the ONNX file's {@code metadata_props}.
 *
 * <p>The trainer writes it with {@link #toProperties()} at export and the service reads it back with
 * {@link #fromProperties(Map)}, so the keys exist in this one place. A bundle is self-describing: a consumer
 * needs nothing but the file to know how to feed it and what it was trained on.
 *
 * @param modelVersion      the version every pose event carries, e.g. {@code cgan64-untrained-3f2a9c1e}
 * @param trained           false for a randomly initialised generator; poses from it follow no caption
 * @param architecture      which generator this is, e.g. {@code paper-cgan-64}
 * @param noiseDim          length of the noise input
 * @param embeddingDim      length of the text embedding input
 * @param textEncoder       id of the sentence encoder whose raw (unit-norm) output the graph takes
 * @param embeddingScale    factor the graph applies to the embedding before the generator sees it
 * @param presenceThreshold a keypoint is present when its confidence exceeds this
 * @param heatmaps          the optional {@value GeneratorGraph#HEATMAP_OUTPUT} output, or {@code null} when the graph
 *                          emits keypoints only
 * @param provenance        how the weights were made: seed, preset, steps, data hash, code version, time
 * @param encoderFingerprint exactly which encoder (id {@code textEncoder}) made the vectors it was trained on, or
 *                          {@code null} for bundles exported before fingerprints, which are checked by id and
 *                          dimension only
 */
public record BundleMetadata(
        String modelVersion,
        boolean trained,
        String architecture,
        int noiseDim,
        int embeddingDim,
        String textEncoder,
        float embeddingScale,
        float presenceThreshold,
        Heatmaps heatmaps,
        Map<String, String> provenance,
        EncoderFingerprint encoderFingerprint) {

    private static final String PREFIX = "text2pose.";
    private static final String TEXT_ENCODER = PREFIX + "text_encoder";
    private static final String PROVENANCE_PREFIX = PREFIX + "provenance.";
    private static final String KEYPOINT_NAMES = PREFIX + "keypoint_names";
    private static final String HEATMAP_SIZE = PREFIX + "heatmap_size";
    private static final String HEATMAP_RANGE = PREFIX + "heatmap_range";

    /**
     * The heatmaps a graph may emit beside its keypoints, for evaluation and figures; the service never reads them.
     *
     * @param size  side of the square heatmaps, in pixels
     * @param range value range of the raw heatmaps, {@code [-1,1]} or {@code [0,1]}; the in-graph keypoint decoder
     *              already maps confidences to [0, 1]
     */
    public record Heatmaps(int size, String range) {
    }

    public BundleMetadata {
        provenance = Map.copyOf(provenance);
        if (encoderFingerprint != null && !encoderFingerprint.id().equals(textEncoder)) {
            throw new IllegalArgumentException("the encoder fingerprint is of " + encoderFingerprint.id()
                    + ", the text encoder is " + textEncoder);
        }
    }

    /**
     * Refuses an encoder other than the one this bundle was trained with: a bundle with a fingerprint takes only
     * that exact encoder; one without (exported before fingerprints) takes any encoder with its id.
     *
     * @param bundle  what errors call the bundle
     * @param running the encoder that would feed it
     * @throws IllegalArgumentException naming both encoders
     */
    public void requireEncoder(String bundle, EncoderFingerprint running) {
        boolean matches = encoderFingerprint == null ? running.id().equals(textEncoder)
                : encoderFingerprint.equals(running);
        if (!matches) {
            throw new IllegalArgumentException("bundle " + bundle + " was trained on vectors of encoder "
                    + (encoderFingerprint == null ? textEncoder : encoderFingerprint.key())
                    + ", but the running encoder is " + running.key());
        }
    }

    /** The bundle's metadata as flat ONNX {@code metadata_props}, with keypoint names included. */
    public Map<String, String> toProperties() {
        Map<String, String> props = new TreeMap<>();
        props.put(PREFIX + "model_version", modelVersion);
        props.put(PREFIX + "trained", Boolean.toString(trained));
        props.put(PREFIX + "architecture", architecture);
        props.put(PREFIX + "noise_dim", Integer.toString(noiseDim));
        props.put(PREFIX + "embedding_dim", Integer.toString(embeddingDim));
        props.put(TEXT_ENCODER, textEncoder);
        if (encoderFingerprint != null) {
            props.putAll(encoderFingerprint.toProperties(TEXT_ENCODER + "."));
        }
        props.put(PREFIX + "embedding_scale", Float.toString(embeddingScale));
        props.put(PREFIX + "presence_threshold", Float.toString(presenceThreshold));
        if (heatmaps != null) {
            props.put(HEATMAP_SIZE, Integer.toString(heatmaps.size()));
            props.put(HEATMAP_RANGE, heatmaps.range());
        }
        props.put(KEYPOINT_NAMES, String.join(",", CocoKeypoints.NAMES));
        provenance.forEach((k, v) -> props.put(PROVENANCE_PREFIX + k, v));
        return props;
    }

    /**
     * Reads metadata written by {@link #toProperties()}.
     *
     * @throws IllegalArgumentException naming the first missing or malformed key, or when the keypoint order is not
     *                                  COCO's (a bundle for another skeleton must not be served as this one)
     */
    public static BundleMetadata fromProperties(Map<String, String> props) {
        List<String> names = List.of(required(props, KEYPOINT_NAMES).split(","));
        if (!names.equals(CocoKeypoints.NAMES)) {
            throw new IllegalArgumentException("bundle keypoints are not COCO's 17 in COCO order: " + names);
        }
        Map<String, String> provenance = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PROVENANCE_PREFIX)) {
                provenance.put(k.substring(PROVENANCE_PREFIX.length()), v);
            }
        });
        try {
            return new BundleMetadata(
                    required(props, PREFIX + "model_version"),
                    Boolean.parseBoolean(required(props, PREFIX + "trained")),
                    required(props, PREFIX + "architecture"),
                    Integer.parseInt(required(props, PREFIX + "noise_dim")),
                    Integer.parseInt(required(props, PREFIX + "embedding_dim")),
                    required(props, TEXT_ENCODER),
                    Float.parseFloat(required(props, PREFIX + "embedding_scale")),
                    Float.parseFloat(required(props, PREFIX + "presence_threshold")),
                    heatmaps(props),
                    provenance,
                    EncoderFingerprint.fromProperties(required(props, TEXT_ENCODER), props, TEXT_ENCODER + ".")
                            .orElse(null));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bundle metadata has a malformed number: " + e.getMessage(), e);
        }
    }

    /** The heatmap output when the bundle declares one: both keys or neither. */
    private static Heatmaps heatmaps(Map<String, String> props) {
        if (!props.containsKey(HEATMAP_SIZE) && !props.containsKey(HEATMAP_RANGE)) {
            return null;
        }
        return new Heatmaps(Integer.parseInt(required(props, HEATMAP_SIZE)), required(props, HEATMAP_RANGE));
    }

    private static String required(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("bundle metadata lacks " + key);
        }
        return value;
    }
}
