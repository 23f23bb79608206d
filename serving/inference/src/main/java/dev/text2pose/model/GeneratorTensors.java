package dev.text2pose.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.text2pose.pose.CocoKeypoints;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Copies between Java arrays and the generator graph's tensors, checking shapes on the way.
 *
 * <p>Outputs are copied out whole, so the caller can close the ONNX Runtime result right away and no native
 * buffer outlives the call. An output of the wrong shape is an {@link InferenceException}, not an index error
 * somewhere later, because it means the bundle broke its own contract at run time.
 */
final class GeneratorTensors {

    private static final int KEYPOINT_FIELDS = 3;

    private GeneratorTensors() {
    }

    /** @throws IllegalArgumentException unless there are {@code expectedRows} rows of length {@code width} */
    static void checkRows(float[][] rows, int width, String input, int expectedRows) {
        if (rows.length != expectedRows) {
            throw new IllegalArgumentException(input + " has " + rows.length + " rows, expected " + expectedRows);
        }
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException(input + " rows must have length " + width + ", got " + row.length);
            }
        }
    }

    /** A [rows][width] float tensor; at least one row, all of one width (see {@link #checkRows}). */
    static OnnxTensor input(OrtEnvironment env, float[][] rows) throws OrtException {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * rows[0].length);
        for (float[] row : rows) {
            buffer.put(row);
        }
        return OnnxTensor.createTensor(env, buffer.flip(), new long[] {rows.length, rows[0].length});
    }

    /** The keypoint output as [rows][17][3]. */
    static float[][][] keypoints(String bundle, OnnxTensor tensor, int rows) {
        expectShape(bundle, tensor, GeneratorGraph.KEYPOINT_OUTPUT, rows, CocoKeypoints.COUNT, KEYPOINT_FIELDS);
        FloatBuffer data = tensor.getFloatBuffer();
        float[][][] out = new float[rows][CocoKeypoints.COUNT][KEYPOINT_FIELDS];
        for (float[][] row : out) {
            for (float[] keypoint : row) {
                data.get(keypoint);
            }
        }
        return out;
    }

    /** The heatmap output as [rows][17][size][size]. */
    static float[][][][] heatmaps(String bundle, OnnxTensor tensor, int rows, int size) {
        expectShape(bundle, tensor, GeneratorGraph.HEATMAP_OUTPUT, rows, CocoKeypoints.COUNT, size, size);
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

    private static void expectShape(String bundle, OnnxTensor tensor, String output, long... expected) {
        long[] shape = tensor.getInfo().getShape();
        if (!Arrays.equals(shape, expected)) {
            throw new InferenceException(bundle + ": " + output + " came back with shape " + Arrays.toString(shape)
                    + ", expected " + Arrays.toString(expected));
        }
    }
}
