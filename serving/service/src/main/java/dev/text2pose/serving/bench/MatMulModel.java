package dev.text2pose.serving.bench;

import java.io.ByteArrayOutputStream;

/**
 * A one-node ONNX model, {@code C = MatMul(A, B)} on float [n, n] inputs, written as protobuf bytes by hand (field
 * numbers from onnx.proto), so the compute ceiling is measured by the same ONNX Runtime, provider and thread count as
 * the generator without a protobuf library at run time.
 */
final class MatMulModel {

    private static final int FLOAT = 1;
    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private MatMulModel() {
    }

    static byte[] bytes(int n) {
        byte[] node = message(string(1, "A"), string(1, "B"), string(2, "C"), string(4, "MatMul"));
        byte[] graph = message(field(1, node), string(2, "matmul"), field(11, valueInfo("A", n)),
                field(11, valueInfo("B", n)), field(12, valueInfo("C", n)));
        byte[] opset = message(string(1, ""), varint(2, OPSET));
        return message(varint(1, IR_VERSION), string(2, "text2pose-bench"), field(7, graph), field(8, opset));
    }

    /** FLOPs of one {@code [n, n] x [n, n]} product: n^2 dot products of n multiply-adds. */
    static double flops(int n) {
        return 2.0 * n * n * n;
    }

    private static byte[] valueInfo(String name, int n) {
        byte[] dim = message(varint(1, n));
        byte[] shape = message(field(1, dim), field(1, dim));
        byte[] tensor = message(varint(1, FLOAT), field(2, shape));
        return message(string(1, name), field(2, message(field(1, tensor))));
    }

    private static byte[] message(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] string(int field, String value) {
        return field(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] field(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
