package dev.text2pose.serving.bench;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * A one-node ONNX model, {@code C = MatMul(A, B)} on float [n, n] inputs, so that the compute ceiling is measured by
 * the same ONNX Runtime, provider and thread count as the generator.
 */
final class MatMulModel {

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private MatMulModel() {
    }

    static byte[] bytes(int n) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("matmul")
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("A").addInput("B").addOutput("C"))
                .addInput(square("A", n))
                .addInput(square("B", n))
                .addOutput(square("C", n))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("text2pose-bench")
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .build()
                .toByteArray();
    }

    /** FLOPs of one {@code [n, n] x [n, n]} product: n^2 dot products of n multiply-adds. */
    static double flops(int n) {
        return 2.0 * n * n * n;
    }

    private static ValueInfoProto square(String name, int n) {
        TensorShapeProto.Dimension dim = TensorShapeProto.Dimension.newBuilder().setDimValue(n).build();
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                .setShape(TensorShapeProto.newBuilder().addDim(dim).addDim(dim))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
