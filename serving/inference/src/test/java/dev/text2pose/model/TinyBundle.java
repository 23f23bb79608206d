package dev.text2pose.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.text2pose.text.MiniLmEncoder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a tiny generator bundle that honours the {@link GeneratorGraph} contract, so the bundle, generator and
 * validation logic can be tested without the trainer: one linear map from {@code [text, noise]} to keypoints
 * (through a sigmoid, so x, y and confidence lie in [0, 1]) and to one value per heatmap channel, broadcast over
 * an {@value #HEATMAP_SIZE}x{@value #HEATMAP_SIZE} map (the optional output; {@link Spec#keypointsOnly()} leaves it
 * out). The other {@link Spec} knobs break the contract on purpose.
 */
final class TinyBundle {

    static final int EMBEDDING_DIM = MiniLmEncoder.DIMENSION;
    static final int NOISE_DIM = 128;
    static final int HEATMAP_SIZE = 8;
    static final float PRESENCE_THRESHOLD = 0.5f;

    /**
     * What to build.
     *
     * @param textInput     name of the text input
     * @param embeddingDim  width of the text input in the graph (the metadata always says {@value #EMBEDDING_DIM})
     * @param batch         the batch dimension: -1 for the symbolic {@code batch}, else fixed
     * @param properties    metadata_props
     * @param heatmaps      whether the graph has the optional heatmap output
     */
    record Spec(String textInput, int embeddingDim, long batch, Map<String, String> properties, boolean heatmaps) {

        static Spec valid() {
            return new Spec(GeneratorGraph.TEXT_INPUT, EMBEDDING_DIM, -1, metadata().toProperties(), true);
        }

        /** A keypoints-only graph whose metadata declares no heatmaps, as a coordinate generator exports. */
        static Spec keypointsOnly() {
            return valid().withoutHeatmapOutput()
                    .withProperty("text2pose.heatmap_size", null).withProperty("text2pose.heatmap_range", null);
        }

        Spec withoutHeatmapOutput() {
            return new Spec(textInput, embeddingDim, batch, properties, false);
        }

        Spec withTextInput(String name) {
            return new Spec(name, embeddingDim, batch, properties, heatmaps);
        }

        Spec withEmbeddingDim(int dim) {
            return new Spec(textInput, dim, batch, properties, heatmaps);
        }

        Spec withBatch(long fixed) {
            return new Spec(textInput, embeddingDim, fixed, properties, heatmaps);
        }

        Spec withProperty(String key, String valueOrNull) {
            Map<String, String> props = new HashMap<>(properties);
            if (valueOrNull == null) {
                props.remove(key);
            } else {
                props.put(key, valueOrNull);
            }
            return new Spec(textInput, embeddingDim, batch, props, heatmaps);
        }
    }

    private TinyBundle() {
    }

    static BundleMetadata metadata() {
        return new BundleMetadata("tiny-test-1", false, "tiny-linear", NOISE_DIM, EMBEDDING_DIM,
                MiniLmEncoder.ID, 1.0f, PRESENCE_THRESHOLD, new BundleMetadata.Heatmaps(HEATMAP_SIZE, "[-1,1]"),
                Map.of("seed", "7"), FakeEncoder.fingerprint(MiniLmEncoder.ID));
    }

    static byte[] bytes() {
        return build(Spec.valid());
    }

    static byte[] build(Spec spec) {
        int in = spec.embeddingDim() + NOISE_DIM;
        Random random = new Random(7);
        GraphProto.Builder graph = GraphProto.newBuilder()
                .setName("tiny")
                .addInput(value(spec.textInput(), spec.batch(), spec.embeddingDim()))
                .addInput(value(GeneratorGraph.NOISE_INPUT, spec.batch(), NOISE_DIM))
                .addOutput(value(GeneratorGraph.KEYPOINT_OUTPUT, spec.batch(), 17, 3))
                .addInitializer(floats("w_keypoints", random, in, 51))
                .addInitializer(longs("keypoint_shape", -1, 17, 3))
                .addNode(node("Concat", List.of(spec.textInput(), GeneratorGraph.NOISE_INPUT), "x")
                        .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)))
                .addNode(node("MatMul", List.of("x", "w_keypoints"), "k"))
                .addNode(node("Reshape", List.of("k", "keypoint_shape"), "k3"))
                .addNode(node("Sigmoid", List.of("k3"), GeneratorGraph.KEYPOINT_OUTPUT));
        if (spec.heatmaps()) {
            graph.addOutput(value(GeneratorGraph.HEATMAP_OUTPUT, spec.batch(), 17, HEATMAP_SIZE, HEATMAP_SIZE))
                    .addInitializer(floats("w_heatmaps", random, in, 17))
                    .addInitializer(longs("channel_shape", -1, 17, 1, 1))
                    .addInitializer(longs("heatmap_shape", 1, 17, HEATMAP_SIZE, HEATMAP_SIZE))
                    .addNode(node("MatMul", List.of("x", "w_heatmaps"), "h"))
                    .addNode(node("Reshape", List.of("h", "channel_shape"), "h4"))
                    .addNode(node("Expand", List.of("h4", "heatmap_shape"), "hx"))
                    .addNode(node("Tanh", List.of("hx"), GeneratorGraph.HEATMAP_OUTPUT));
        }
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("text2pose-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph);
        spec.properties().forEach((k, v) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build().toByteArray();
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs).addOutput(output);
    }

    private static ValueInfoProto value(String name, long batch, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDim(batch < 0
                ? TensorShapeProto.Dimension.newBuilder().setDimParam(GeneratorGraph.BATCH_DIM)
                : TensorShapeProto.Dimension.newBuilder().setDimValue(batch));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private static TensorProto floats(String name, Random random, int rows, int columns) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(rows).addDims(columns);
        for (int i = 0; i < rows * columns; i++) {
            tensor.addFloatData((float) (random.nextGaussian() * 0.1));
        }
        return tensor.build();
    }

    private static TensorProto longs(String name, long... values) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            tensor.addInt64Data(v);
        }
        return tensor.build();
    }
}
