package dev.text2pose.trainer.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.pose.CocoKeypoints;
import org.bytedeco.javacpp.PointerScope;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link OnnxExportable} network as a model bundle: one ONNX file, opset {@value #OPSET}, with the contract
 * of {@link GeneratorGraph} and the {@link BundleMetadata} in its {@code metadata_props}.
 *
 * <p>The exporter owns what every model kind shares: the inputs ({@code text_embedding * embeddingScale} is what the
 * network sees, so the raw encoder vector is what the service feeds), the outputs (keypoints, and heatmaps when the
 * network declares them), the metadata and the version. The batch dimension is symbolic.
 *
 * <p>The model version is {@code architecture-(trained|untrained)-hash}, where hash is the first 8 hex digits of
 * SHA-256 over every initializer's name and bytes, so the same numbers always give the same version and any change
 * to a weight, a running statistic or the embedding scale gives a new one.
 */
public final class OnnxExporter {

    /** The ONNX operator set the graph is written against. */
    public static final int OPSET = 13;

    /**
     * Provenance key of the per-keypoint presence thresholds ({@link PresenceCalibration#describe()}) that a
     * calibrated graph applies; absent when it applies none.
     */
    public static final String PRESENCE_THRESHOLDS_KEY = "presence_thresholds";

    /** Written to the model's {@code producer_name}. */
    public static final String PRODUCER = "text2pose-trainer";

    // IR version 7 is the one that came with opset 13; every ONNX Runtime since 1.6 reads it.
    static final long IR_VERSION = 7;

    /**
     * Writes {@code network} to {@code output} (replacing it atomically; parent directories are created).
     *
     * @return the metadata recorded in the file
     * @throws IllegalArgumentException when the network refuses the description
     * @throws IOException              when the file cannot be written
     */
    @SuppressWarnings("try") // the scope is used for its extent: it frees the native tensors read while building
    public BundleMetadata export(OnnxExportable network, BundleDescription description, Path output)
            throws IOException {
        GraphBuilder graph = new GraphBuilder("text2pose_generator");
        try (PointerScope scope = new PointerScope()) {
            graph.input(GeneratorGraph.TEXT_INPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                    network.textDim());
            graph.input(GeneratorGraph.NOISE_INPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                    network.noiseDim());
            String scale = graph.floats("embedding_scale", new long[0], description.embeddingScale());
            String text = graph.node("Mul", "text_scaled", List.of(GeneratorGraph.TEXT_INPUT, scale));
            network.appendTo(graph, text, GeneratorGraph.NOISE_INPUT, description);
        }
        declareOutputs(graph, network.heatmaps());
        BundleMetadata metadata = metadata(network, description, graph.initializerHash());
        write(model(graph, metadata), output);
        return metadata;
    }

    private static void declareOutputs(GraphBuilder graph, BundleMetadata.Heatmaps heatmaps) {
        if (heatmaps != null) {
            graph.output(GeneratorGraph.HEATMAP_OUTPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                    CocoKeypoints.COUNT, heatmaps.size(), heatmaps.size());
        }
        graph.output(GeneratorGraph.KEYPOINT_OUTPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                CocoKeypoints.COUNT, 3);
    }

    private static BundleMetadata metadata(OnnxExportable network, BundleDescription d, String weightHash) {
        String version = network.architecture() + "-" + (d.trained() ? "trained" : "untrained") + "-"
                + weightHash.substring(0, 8);
        return new BundleMetadata(version, d.trained(), network.architecture(), network.noiseDim(), network.textDim(),
                d.textEncoder(), d.embeddingScale(), d.presenceThreshold(), network.heatmaps(), provenance(d),
                d.encoderFingerprint());
    }

    /** The caller's provenance, plus the per-keypoint thresholds when the graph applies a calibration. */
    private static Map<String, String> provenance(BundleDescription d) {
        if (d.presence() == null) {
            return d.provenance();
        }
        Map<String, String> provenance = new LinkedHashMap<>(d.provenance());
        provenance.put(PRESENCE_THRESHOLDS_KEY, d.presence().describe());
        return provenance;
    }

    private static ModelProto model(GraphBuilder graph, BundleMetadata metadata) {
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setDomain("dev.text2pose")
                .setDocString("text2pose pose generator " + metadata.modelVersion()
                        + (metadata.trained() ? "" : ": untrained, its poses follow no caption")
                        + ". Inputs: raw text embedding and N(0, I) noise; outputs: keypoints"
                        + (metadata.heatmaps() == null ? "." : " and the heatmaps they were decoded from."))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build());
        metadata.toProperties().forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    private static void write(ModelProto model, Path output) throws IOException {
        Path target = output.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // Write beside the target and move, so a reader never sees a half-written bundle. Not createTempFile:
        // its owner-only permissions would travel with the move and hide the bundle from the service's user.
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                model.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
