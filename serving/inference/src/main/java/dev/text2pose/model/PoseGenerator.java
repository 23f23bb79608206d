package dev.text2pose.model;

import dev.text2pose.pose.Pose;
import dev.text2pose.text.TextEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captions in, poses out: encodes the captions, builds one generator row per sample and frame, runs the bundle
 * and decodes the keypoints.
 *
 * <p>A batch of requests costs one encoder call (every distinct caption and target once) and one generator call
 * (chunked only past {@link #maxRowsPerCall()}), because per-call overhead dominates at the service's batch
 * sizes. Every row depends only on its own request, so a request gives the same poses alone or in any batch
 * (to float rounding of batched kernels): the noise of sample {@code i} comes from {@link NoiseSampler} with the
 * request's seed, and an interpolation keeps that noise fixed while the text vector moves linearly from caption
 * to target ({@link Interpolation}).
 *
 * <p>Thread-safe if the encoder is (both shipped ones are): it holds no mutable state.
 */
public final class PoseGenerator {

    /** Default chunk size: a full request (16 x 60 rows) fits in one call; larger batches are split. */
    public static final int DEFAULT_MAX_ROWS_PER_CALL = 1024;

    private final ModelBundle bundle;
    private final TextEncoder encoder;
    private final NoiseSampler noise;
    private final int maxRowsPerCall;

    /** A generator with {@link #DEFAULT_MAX_ROWS_PER_CALL}. */
    public PoseGenerator(ModelBundle bundle, TextEncoder encoder) {
        this(bundle, encoder, DEFAULT_MAX_ROWS_PER_CALL);
    }

    /**
     * @param maxRowsPerCall most generator rows in one ONNX Runtime call, which bounds its memory
     * @throws IllegalArgumentException when the encoder is not the one the bundle was trained with (its fingerprint
     *                                  when the bundle records one, else its id and dimension)
     */
    public PoseGenerator(ModelBundle bundle, TextEncoder encoder, int maxRowsPerCall) {
        BundleMetadata metadata = bundle.metadata();
        metadata.requireEncoder(bundle.name(), encoder.fingerprint());
        if (encoder.dimension() != metadata.embeddingDim()) {
            throw new IllegalArgumentException("bundle " + bundle.name() + " was trained on " + metadata.textEncoder()
                    + " (" + metadata.embeddingDim() + "-d), not " + encoder.id() + " (" + encoder.dimension() + "-d)");
        }
        if (maxRowsPerCall < 1) {
            throw new IllegalArgumentException("maxRowsPerCall must be positive, got " + maxRowsPerCall);
        }
        this.bundle = bundle;
        this.encoder = encoder;
        this.noise = new NoiseSampler(metadata.noiseDim());
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /** Most generator rows per ONNX Runtime call. */
    public int maxRowsPerCall() {
        return maxRowsPerCall;
    }

    /** The bundle's metadata, whose model version every pose event carries. */
    public BundleMetadata metadata() {
        return bundle.metadata();
    }

    /**
     * Generates poses for a batch of requests.
     *
     * @return one result per request, in the requests' order
     */
    public List<GeneratedPoses> generate(List<PoseRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<String, float[]> vectors = encodeDistinct(requests);
        List<float[]> text = new ArrayList<>();
        List<float[]> z = new ArrayList<>();
        for (PoseRequest request : requests) {
            addRows(request, vectors, text, z);
        }
        float[][][] keypoints = runChunked(text.toArray(float[][]::new), z.toArray(float[][]::new));
        return decode(requests, keypoints);
    }

    private Map<String, float[]> encodeDistinct(List<PoseRequest> requests) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (PoseRequest request : requests) {
            vectors.put(request.caption(), null);
            request.targetCaption().ifPresent(target -> vectors.put(target, null));
        }
        List<String> captions = List.copyOf(vectors.keySet());
        float[][] encoded = encoder.encode(captions);
        for (int i = 0; i < captions.size(); i++) {
            vectors.put(captions.get(i), encoded[i]);
        }
        return vectors;
    }

    /** Appends the request's rows, sample-major: all frames of sample 0, then of sample 1, and so on. */
    private void addRows(PoseRequest request, Map<String, float[]> vectors, List<float[]> text, List<float[]> z) {
        float[] from = vectors.get(request.caption());
        float[] to = request.targetCaption().map(vectors::get).orElse(from);
        float[] weights = Interpolation.weights(request.frames());
        float[][] sampleNoise = noise.samples(request.seed(), request.samples());
        for (int s = 0; s < request.samples(); s++) {
            for (float weight : weights) {
                text.add(request.targetCaption().isPresent() ? Interpolation.lerp(from, to, weight) : from);
                z.add(sampleNoise[s]);
            }
        }
    }

    private float[][][] runChunked(float[][] text, float[][] z) {
        float[][][] keypoints = new float[text.length][][];
        for (int start = 0; start < text.length; start += maxRowsPerCall) {
            int end = Math.min(text.length, start + maxRowsPerCall);
            float[][][] chunk = bundle.keypoints(
                    Arrays.copyOfRange(text, start, end), Arrays.copyOfRange(z, start, end));
            System.arraycopy(chunk, 0, keypoints, start, chunk.length);
        }
        return keypoints;
    }

    private List<GeneratedPoses> decode(List<PoseRequest> requests, float[][][] keypoints) {
        float threshold = bundle.metadata().presenceThreshold();
        List<GeneratedPoses> results = new ArrayList<>(requests.size());
        int row = 0;
        for (PoseRequest request : requests) {
            List<List<Pose>> samples = new ArrayList<>(request.samples());
            for (int s = 0; s < request.samples(); s++) {
                List<Pose> frames = new ArrayList<>(request.frames());
                for (int f = 0; f < request.frames(); f++) {
                    frames.add(Pose.fromArray(keypoints[row++], threshold));
                }
                samples.add(frames);
            }
            results.add(new GeneratedPoses(samples));
        }
        return results;
    }
}
