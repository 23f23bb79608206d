package dev.text2pose.trainer.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.LinearImpl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.text2pose.trainer.export.GraphBuilder.floatAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intsAttribute;

/**
 * Exports a conditional {@link HeatmapGenerator} as a model bundle: one ONNX file, opset {@value #OPSET}, with the
 * contract of {@link GeneratorGraph}.
 *
 * <p>The graph: {@code text_embedding * embeddingScale} -> Gemm (the text Linear) -> LeakyRelu(0.2) ->
 * Concat with {@code noise} -> Reshape to [batch, 256, 1, 1] -> five ConvTranspose, the first four each with
 * BatchNormalization (running statistics, i.e. eval mode, whatever mode the module is in) and Relu, the last with
 * Tanh -> {@code heatmaps}; then {@link KeypointDecoding} (with the description's {@link PresenceCalibration}, if
 * any) -> {@code keypoints}. The batch dimension is symbolic.
 *
 * <p>The model version is {@code architecture-(trained|untrained)-hash}, where hash is the first 8 hex digits of
 * SHA-256 over every initializer's name and bytes, so the same numbers always give the same version and any change
 * to a weight, a running statistic or the embedding scale gives a new one. Unconditional generators are refused:
 * the service always feeds a caption.
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
    private static final long IR_VERSION = 7;

    /**
     * Writes {@code generator} to {@code output} (replacing it atomically; parent directories are created).
     *
     * @return the metadata recorded in the file
     * @throws IllegalArgumentException when the generator is unconditional
     * @throws IOException              when the file cannot be written
     */
    @SuppressWarnings("try") // the scope is used for its extent: it frees the native tensors read while building
    public BundleMetadata export(HeatmapGenerator generator, BundleDescription description, Path output)
            throws IOException {
        if (!generator.isConditional()) {
            throw new IllegalArgumentException("only conditional generators are exported; the service needs text");
        }
        GraphBuilder graph = new GraphBuilder("text2pose_generator");
        try (PointerScope scope = new PointerScope()) {
            declareInputs(graph, generator.textDim());
            String vector = textAndNoise(graph, generator.textLayer(), description.embeddingScale());
            String heatmaps = upsample(graph, generator, vector);
            KeypointDecoding.append(graph, heatmaps, description.heatmapRange(), PaperSpec.KEYPOINTS,
                    PaperSpec.HEATMAP_SIZE, description.presence(), GeneratorGraph.KEYPOINT_OUTPUT);
        }
        declareOutputs(graph);
        BundleMetadata metadata = metadata(generator, description, graph.initializerHash());
        write(model(graph, metadata), output);
        return metadata;
    }

    private static void declareInputs(GraphBuilder graph, int textDim) {
        graph.input(GeneratorGraph.TEXT_INPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM, textDim);
        graph.input(GeneratorGraph.NOISE_INPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                PaperSpec.NOISE_DIM);
    }

    private static void declareOutputs(GraphBuilder graph) {
        int size = PaperSpec.HEATMAP_SIZE;
        graph.output(GeneratorGraph.HEATMAP_OUTPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                PaperSpec.KEYPOINTS, size, size);
        graph.output(GeneratorGraph.KEYPOINT_OUTPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM,
                PaperSpec.KEYPOINTS, 3);
    }

    /** Scale, compress and append the text to the noise; returns the [batch, 256] input vector. */
    private static String textAndNoise(GraphBuilder graph, LinearImpl text, float embeddingScale) {
        String scale = graph.floats("embedding_scale", new long[0], embeddingScale);
        String scaled = graph.node("Mul", "text_scaled", List.of(GeneratorGraph.TEXT_INPUT, scale));
        String linear = graph.node("Gemm", "text_linear",
                List.of(scaled, graph.weight("text.weight", text.weight()), graph.weight("text.bias", text.bias())),
                intAttribute("transB", 1));
        String compressed = graph.node("LeakyRelu", "text_compressed", List.of(linear),
                floatAttribute("alpha", (float) PaperSpec.LEAKY_SLOPE));
        return graph.node("Concat", "latent", List.of(GeneratorGraph.NOISE_INPUT, compressed), intAttribute("axis", 1));
    }

    /** The transposed-convolution stack, from the [batch, width] vector to {@code heatmaps}. */
    private static String upsample(GraphBuilder graph, HeatmapGenerator generator, String vector) {
        List<HeatmapGenerator.Deconv> layers = generator.layers();
        long width = layers.get(0).inChannels();
        String x = graph.node("Reshape", "latent_image",
                List.of(vector, graph.longs("latent_image_shape", new long[] {4}, 0, width, 1, 1)));
        for (int i = 0; i < layers.size(); i++) {
            HeatmapGenerator.Deconv spec = layers.get(i);
            String name = "deconv" + (i + 1);
            long k = HeatmapGenerator.Deconv.KERNEL;
            long p = spec.padding();
            x = graph.node("ConvTranspose", name, List.of(x, graph.weight(name + ".weight", generator.deconv(i).weight())),
                    intsAttribute("kernel_shape", k, k), intsAttribute("strides", spec.stride(), spec.stride()),
                    intsAttribute("pads", p, p, p, p));
            boolean last = i == layers.size() - 1;
            x = last
                    ? graph.node("Tanh", GeneratorGraph.HEATMAP_OUTPUT, List.of(x))
                    : graph.node("Relu", name + "_relu", List.of(batchNorm(graph, generator.norm(i), "norm" + (i + 1), x)));
        }
        return x;
    }

    private static String batchNorm(GraphBuilder graph, BatchNorm2dImpl norm, String name, String input) {
        return graph.node("BatchNormalization", name, List.of(input,
                        graph.weight(name + ".weight", norm.weight()),
                        graph.weight(name + ".bias", norm.bias()),
                        graph.weight(name + ".running_mean", norm.running_mean()),
                        graph.weight(name + ".running_var", norm.running_var())),
                floatAttribute("epsilon", (float) norm.options().eps().get()));
    }

    private static BundleMetadata metadata(HeatmapGenerator generator, BundleDescription d, String weightHash) {
        String version = PaperSpec.ARCHITECTURE + "-" + (d.trained() ? "trained" : "untrained") + "-"
                + weightHash.substring(0, 8);
        return new BundleMetadata(version, d.trained(), PaperSpec.ARCHITECTURE, PaperSpec.HEATMAP_SIZE,
                PaperSpec.NOISE_DIM, generator.textDim(), d.textEncoder(), d.embeddingScale(), d.heatmapRange().label(),
                d.presenceThreshold(), provenance(d), d.encoderFingerprint());
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
                .setDocString("text2pose conditional pose generator (Zhang et al., GCPR 2020), " + metadata.modelVersion()
                        + (metadata.trained() ? "" : ": untrained, its poses follow no caption")
                        + ". Inputs: raw text embedding and N(0, I) noise; outputs: heatmaps and decoded keypoints.")
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
