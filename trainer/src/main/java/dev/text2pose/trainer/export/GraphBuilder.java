package dev.text2pose.trainer.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import org.bytedeco.pytorch.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Appends nodes, initializers, inputs and outputs to an ONNX graph with the protobuf builders, and digests every
 * initializer (name and bytes, in the order added) so the exported numbers get a content hash.
 *
 * <p>Dimensions are given as {@code Object}s: a {@code String} is a symbolic dimension (such as {@code batch}), a
 * {@code Number} a fixed one.
 *
 * <p>Public so that each model kind's {@link OnnxExportable} writes its own nodes; only {@link OnnxExporter} creates
 * one and declares the graph's inputs and outputs.
 */
public final class GraphBuilder {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final MessageDigest digest;

    GraphBuilder(String name) {
        graph.setName(name);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A float initializer holding a copy of {@code tensor} (any device layout; read contiguous, detached). */
    public String weight(String name, Tensor tensor) {
        Tensor dense = tensor.detach().contiguous();
        float[] values = new float[Math.toIntExact(dense.numel())];
        dense.data_ptr_float().get(values);
        return floats(name, dense.sizes().vec().get(), values);
    }

    /** A float initializer of the given shape. */
    public String floats(String name, long[] dims, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, TensorProto.DataType.FLOAT, dims, bytes.array());
    }

    /** An int64 initializer of the given shape. */
    public String longs(String name, long[] dims, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64, dims, bytes.array());
    }

    /** Adds a node computing {@code output} from {@code inputs}; returns {@code output} for chaining. */
    public String node(String opType, String output, List<String> inputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder()
                .setName(output + "_" + opType)
                .setOpType(opType)
                .addAllInput(inputs)
                .addOutput(output)
                .addAllAttribute(List.of(attributes)));
        return output;
    }

    /** Declares a graph input. */
    void input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    /** Declares a graph output. */
    void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    GraphProto build() {
        return graph.build();
    }

    /** Hex SHA-256 over every initializer added so far. */
    String initializerHash() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
        }
    }

    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder builder = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            builder.addInts(value);
        }
        return builder.build();
    }

    private String initializer(String name, TensorProto.DataType type, long[] dims, byte[] raw) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update(raw);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof String symbol) {
                d.setDimParam(symbol);
            } else {
                d.setDimValue(((Number) dim).longValue());
            }
            shape.addDim(d);
        }
        TypeProto.Tensor.Builder tensorType = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensorType)).build();
    }
}
