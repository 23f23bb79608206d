package dev.text2pose.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.pose.CocoKeypoints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** Classpath location of the bundle that ships in this jar. */
    public static final String DEFAULT_RESOURCE = "/models/default.onnx";

    private static final int KEYPOINT_FIELDS = 3;

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
     * Loads the bundle at {@value #DEFAULT_RESOURCE} on the classpath.
     *
     * @throws IllegalStateException when this build has no default bundle
     */
    public static ModelBundle loadDefault(OrtSessions sessions) {
        try (InputStream in = ModelBundle.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no default model bundle: " + DEFAULT_RESOURCE
                        + " is not on the classpath (the trainer exports it into serving/inference/src/main/resources)");
            }
            return load(in.readAllBytes(), "classpath:" + DEFAULT_RESOURCE, sessions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Whether this build ships a default bundle. */
    public static boolean hasDefault() {
        return ModelBundle.class.getResource(DEFAULT_RESOURCE) != null;
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

    /** Runs the generator and returns keypoints and raw heatmaps, for evaluation and figures. */
    public GeneratorOutput generate(float[][] embeddings, float[][] noise) {
        return run(embeddings, noise, true);
    }

    private GeneratorOutput run(float[][] embeddings, float[][] noise, boolean withHeatmaps) {
        int rows = embeddings.length;
        checkRows(embeddings, metadata.embeddingDim(), GeneratorGraph.TEXT_INPUT, rows);
        checkRows(noise, metadata.noiseDim(), GeneratorGraph.NOISE_INPUT, rows);
        if (rows == 0) {
            return new GeneratorOutput(new float[0][][], withHeatmaps ? new float[0][][][] : null);
        }
        Set<String> wanted = withHeatmaps
                ? Set.of(GeneratorGraph.KEYPOINT_OUTPUT, GeneratorGraph.HEATMAP_OUTPUT)
                : Set.of(GeneratorGraph.KEYPOINT_OUTPUT);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor text = OnnxTensor.createTensor(env, flatten(embeddings), new long[] {rows, metadata.embeddingDim()});
             OnnxTensor z = OnnxTensor.createTensor(env, flatten(noise), new long[] {rows, metadata.noiseDim()});
             OrtSession.Result result = session.session().run(
                     Map.of(GeneratorGraph.TEXT_INPUT, text, GeneratorGraph.NOISE_INPUT, z), wanted)) {
            float[][][] keypoints = keypoints((OnnxTensor) result.get(GeneratorGraph.KEYPOINT_OUTPUT).orElseThrow(), rows);
            float[][][][] heatmaps = withHeatmaps
                    ? heatmaps((OnnxTensor) result.get(GeneratorGraph.HEATMAP_OUTPUT).orElseThrow(), rows)
                    : null;
            return new GeneratorOutput(keypoints, heatmaps);
        } catch (OrtException e) {
            throw new InferenceException(name + ": generator failed on " + rows + " rows", e);
        }
    }

    private static void checkRows(float[][] rows, int width, String input, int expectedRows) {
        if (rows.length != expectedRows) {
            throw new IllegalArgumentException(input + " has " + rows.length + " rows, expected " + expectedRows);
        }
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException(input + " rows must have length " + width + ", got " + row.length);
            }
        }
    }

    private static FloatBuffer flatten(float[][] rows) {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * rows[0].length);
        for (float[] row : rows) {
            buffer.put(row);
        }
        return buffer.flip();
    }

    private float[][][] keypoints(OnnxTensor tensor, int rows) {
        expectShape(tensor, GeneratorGraph.KEYPOINT_OUTPUT, rows, CocoKeypoints.COUNT, KEYPOINT_FIELDS);
        FloatBuffer data = tensor.getFloatBuffer();
        float[][][] out = new float[rows][CocoKeypoints.COUNT][KEYPOINT_FIELDS];
        for (float[][] row : out) {
            for (float[] keypoint : row) {
                data.get(keypoint);
            }
        }
        return out;
    }

    private float[][][][] heatmaps(OnnxTensor tensor, int rows) {
        int size = metadata.heatmapSize();
        expectShape(tensor, GeneratorGraph.HEATMAP_OUTPUT, rows, CocoKeypoints.COUNT, size, size);
        FloatBuffer data = tensor.getFloatBuffer();
        float[][][][] out = new float[rows][CocoKeypoints.COUNT][size][size];
        for (float[][][] row : out) {
            for (float[][] channel : row) {
                for (float[] line : channel) {
                    data.get(line);
                }
            }
        }
        return out;
    }

    private void expectShape(OnnxTensor tensor, String output, long... expected) {
        long[] shape = tensor.getInfo().getShape();
        if (!Arrays.equals(shape, expected)) {
            throw new InferenceException(name + ": " + output + " came back with shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(expected));
        }
    }

    /** Releases the session; the bundle must not be running. */
    @Override
    public void close() {
        session.close();
    }
}
