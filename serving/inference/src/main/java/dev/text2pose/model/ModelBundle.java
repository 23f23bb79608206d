package dev.text2pose.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A loaded model bundle: the exported generator in an ONNX Runtime session plus the {@link BundleMetadata} that
 * the file carries. The bundle is the only thing the trainer hands to serving.
 *
 * <p>Loading validates the graph against {@link GeneratorGraph} and the metadata, so a wrong file fails at start
 * ({@link BundleException}). Every tensor and result is closed as soon as it has been copied out, so repeated calls
 * do not grow native memory. Thread-safe: ONNX Runtime sessions allow concurrent runs.
 */
public final class ModelBundle implements AutoCloseable {

    /** Classpath location of the bundle served when none is named. */
    public static final String DEFAULT_RESOURCE = ShippedBundle.DEFAULT.resource();

    private final String name;
    private final ProviderSession session;
    private final BundleMetadata metadata;

    private ModelBundle(String name, ProviderSession session, BundleMetadata metadata) {
        this.name = name;
        this.session = session;
        this.metadata = metadata;
    }

    /** Loads and validates the bundle in a file. */
    public static ModelBundle load(Path onnx, OrtSessions sessions) {
        return validated(onnx.toString(), sessions.open(onnx));
    }

    /** Loads and validates a bundle held in memory; {@code name} is what errors and logs call it. */
    public static ModelBundle load(byte[] onnx, String name, OrtSessions sessions) {
        return validated(name, sessions.open(onnx, name));
    }

    /**
     * Loads the bundle served when none is named ({@link ShippedBundle#DEFAULT}).
     *
     * @throws IllegalStateException when this build has no default bundle
     */
    public static ModelBundle loadDefault(OrtSessions sessions) {
        return ShippedBundle.DEFAULT.load(sessions);
    }

    /** Whether this build ships a default bundle. */
    public static boolean hasDefault() {
        return ShippedBundle.DEFAULT.isPresent();
    }

    private static ModelBundle validated(String name, ProviderSession session) {
        try {
            BundleMetadata metadata = readMetadata(name, session.session());
            BundleValidator.validate(name, session.session(), metadata);
            return new ModelBundle(name, session, metadata);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static BundleMetadata readMetadata(String name, OrtSession session) {
        try {
            return BundleMetadata.fromProperties(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new BundleException(name + ": could not read the ONNX metadata_props", e);
        } catch (IllegalArgumentException e) {
            throw new BundleException(name + ": " + e.getMessage(), e);
        }
    }

    /** What the bundle says about itself. */
    public BundleMetadata metadata() {
        return metadata;
    }

    /** Where the generator runs: CUDA or CPU. */
    public ExecutionProvider provider() {
        return session.provider();
    }

    /** The file or resource the bundle came from. */
    public String name() {
        return name;
    }

    /**
     * Runs the generator and returns the keypoints only, which skips copying the heatmaps out.
     *
     * @param embeddings [rows][embeddingDim] raw encoder vectors
     * @param noise      [rows][noiseDim] standard normal noise
     * @return [rows][17][3]: x, y in [0, 1] of the normalised person frame, and the confidence in [0, 1]
     */
    public float[][][] keypoints(float[][] embeddings, float[][] noise) {
        return run(embeddings, noise, false).keypoints();
    }

    /**
     * Runs the generator and returns keypoints and, when the bundle declares them ({@link BundleMetadata#heatmaps()}),
     * raw heatmaps, for evaluation and figures.
     */
    public GeneratorOutput generate(float[][] embeddings, float[][] noise) {
        return run(embeddings, noise, metadata.heatmaps() != null);
    }

    private GeneratorOutput run(float[][] embeddings, float[][] noise, boolean withHeatmaps) {
        int rows = embeddings.length;
        GeneratorTensors.checkRows(embeddings, metadata.embeddingDim(), GeneratorGraph.TEXT_INPUT, rows);
        GeneratorTensors.checkRows(noise, metadata.noiseDim(), GeneratorGraph.NOISE_INPUT, rows);
        if (rows == 0) {
            return new GeneratorOutput(new float[0][][], withHeatmaps ? new float[0][][][] : null);
        }
        Set<String> wanted = withHeatmaps
                ? Set.of(GeneratorGraph.KEYPOINT_OUTPUT, GeneratorGraph.HEATMAP_OUTPUT)
                : Set.of(GeneratorGraph.KEYPOINT_OUTPUT);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor text = GeneratorTensors.input(env, embeddings);
             OnnxTensor z = GeneratorTensors.input(env, noise);
             OrtSession.Result result = session.session().run(
                     Map.of(GeneratorGraph.TEXT_INPUT, text, GeneratorGraph.NOISE_INPUT, z), wanted)) {
            float[][][] keypoints = GeneratorTensors.keypoints(name, output(result, GeneratorGraph.KEYPOINT_OUTPUT), rows);
            float[][][][] heatmaps = withHeatmaps
                    ? GeneratorTensors.heatmaps(name, output(result, GeneratorGraph.HEATMAP_OUTPUT), rows, metadata.heatmaps().size())
                    : null;
            return new GeneratorOutput(keypoints, heatmaps);
        } catch (OrtException e) {
            throw new InferenceException(name + ": generator failed on " + rows + " rows", e);
        }
    }

    private OnnxTensor output(OrtSession.Result result, String output) {
        return (OnnxTensor) result.get(output)
                .orElseThrow(() -> new InferenceException(name + ": the generator returned no " + output));
    }

    /** Releases the session; the bundle must not be running. */
    @Override
    public void close() {
        session.close();
    }
}
