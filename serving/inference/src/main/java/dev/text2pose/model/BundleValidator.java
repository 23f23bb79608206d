package dev.text2pose.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.text2pose.pose.CocoKeypoints;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Checks an opened bundle against {@link GeneratorGraph} and its own {@link BundleMetadata} before it serves.
 *
 * <p>Done at load so that a bundle exported against another contract fails at start with a message naming the
 * input, output or field, rather than at the first request with an ONNX Runtime shape error. Input shapes are
 * checked exactly, because we build those tensors; output dimensions may also be left symbolic by an exporter, so
 * an unknown size there is accepted and the real shape is checked again on every run. The batch dimension must be
 * dynamic everywhere, because the generator batches requests. The heatmap output is checked only when the metadata
 * declares one; the keypoint output is the contract every model kind meets.
 */
final class BundleValidator {

    private static final long DYNAMIC = -1;

    private BundleValidator() {
    }

    /** @throws BundleException naming the bundle and the first mismatch */
    static void validate(String name, OrtSession session, BundleMetadata metadata) {
        checkMetadata(name, metadata);
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            Set<String> expectedInputs = Set.of(GeneratorGraph.TEXT_INPUT, GeneratorGraph.NOISE_INPUT);
            if (!inputs.keySet().equals(expectedInputs)) {
                throw new BundleException(name + ": graph inputs are " + inputs.keySet() + ", expected " + expectedInputs);
            }
            check(name, inputs, GeneratorGraph.TEXT_INPUT, true, metadata.embeddingDim());
            check(name, inputs, GeneratorGraph.NOISE_INPUT, true, metadata.noiseDim());
            check(name, outputs, GeneratorGraph.KEYPOINT_OUTPUT, false, CocoKeypoints.COUNT, 3);
            if (metadata.heatmaps() != null) {
                int size = metadata.heatmaps().size();
                check(name, outputs, GeneratorGraph.HEATMAP_OUTPUT, false, CocoKeypoints.COUNT, size, size);
            }
        } catch (OrtException e) {
            throw new BundleException(name + ": could not read the graph's inputs and outputs", e);
        }
    }

    private static void checkMetadata(String name, BundleMetadata m) {
        if (m.noiseDim() <= 0 || m.embeddingDim() <= 0) {
            throw new BundleException(name + ": metadata sizes must be positive: noise_dim=" + m.noiseDim()
                    + ", embedding_dim=" + m.embeddingDim());
        }
        if (m.heatmaps() != null && m.heatmaps().size() <= 0) {
            throw new BundleException(name + ": heatmap_size must be positive, got " + m.heatmaps().size());
        }
        if (!(m.presenceThreshold() >= 0 && m.presenceThreshold() <= 1)) {
            throw new BundleException(name + ": presence_threshold must be in [0, 1], got " + m.presenceThreshold());
        }
        if (!(m.embeddingScale() > 0) || Float.isInfinite(m.embeddingScale())) {
            throw new BundleException(name + ": embedding_scale must be a positive number, got " + m.embeddingScale());
        }
    }

    private static void check(String name, Map<String, NodeInfo> nodes, String node, boolean exact, long... dims) {
        NodeInfo info = nodes.get(node);
        if (info == null) {
            throw new BundleException(name + ": graph has no " + node + " (it has " + nodes.keySet() + ")");
        }
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new BundleException(name + ": " + node + " must be a float tensor, is " + info.getInfo());
        }
        long[] shape = tensor.getShape();
        String expected = "[batch, " + Arrays.toString(dims).substring(1);
        if (shape.length != dims.length + 1) {
            throw new BundleException(name + ": " + node + " has shape " + Arrays.toString(shape) + ", expected " + expected);
        }
        if (shape[0] != DYNAMIC) {
            throw new BundleException(name + ": " + node + " has a fixed batch size " + shape[0]
                    + "; the batch dimension must be dynamic (" + GeneratorGraph.BATCH_DIM + ")");
        }
        for (int i = 0; i < dims.length; i++) {
            long actual = shape[i + 1];
            if (actual != dims[i] && (exact || actual != DYNAMIC)) {
                throw new BundleException(name + ": " + node + " has shape " + Arrays.toString(shape)
                        + ", expected " + expected + " (from the bundle metadata)");
            }
        }
    }
}
