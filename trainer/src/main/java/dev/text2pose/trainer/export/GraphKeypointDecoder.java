package dev.text2pose.trainer.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.model.InferenceException;
import dev.text2pose.trainer.model.HeatmapRange;
import org.bytedeco.pytorch.Tensor;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundles' keypoint decoder ({@link KeypointDecoding}) as a graph of its own, run by ONNX Runtime on heatmaps
 * that libtorch made: how training's sample grids decode generated heatmaps. So there is one decoder, the graph's,
 * and what a sample grid shows is decoded exactly as a bundle of those weights would serve it.
 *
 * <p>One small session per heatmap range and shape, opened on first use and kept for the life of the JVM (a sample
 * grid is decoded every few hundred training steps). Thread-safe.
 */
public final class GraphKeypointDecoder {

    private static final String HEATMAPS = "heatmaps";
    private static final Map<String, OrtSession> SESSIONS = new HashMap<>();

    private GraphKeypointDecoder() {
    }

    /**
     * @param heatmaps [N, channels, size, size] float heatmaps in {@code range}
     * @return per sample and channel (x, y, confidence), as a bundle's {@code keypoints} output
     */
    public static float[][][] keypoints(Tensor heatmaps, HeatmapRange range) {
        Tensor dense = heatmaps.detach().contiguous();
        float[] values = new float[Math.toIntExact(dense.numel())];
        dense.data_ptr_float().get(values);
        return keypoints(values, (int) dense.size(0), (int) dense.size(1), (int) dense.size(3), range);
    }

    /**
     * @param heatmaps {@code samples * channels * size * size} values in {@code range}, row-major
     * @return per sample and channel (x, y, confidence)
     */
    public static float[][][] keypoints(float[] heatmaps, int samples, int channels, int size, HeatmapRange range) {
        if (heatmaps.length != samples * channels * size * size) {
            throw new IllegalArgumentException(heatmaps.length + " values are not " + samples + " x " + channels
                    + " heatmaps of " + size + "x" + size);
        }
        if (samples == 0) {
            return new float[0][][];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(heatmaps),
                new long[] {samples, channels, size, size});
             OrtSession.Result result = session(range, channels, size).run(Map.of(HEATMAPS, input))) {
            return (float[][][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new InferenceException("decoding " + samples + " heatmap sets failed", e);
        }
    }

    private static synchronized OrtSession session(HeatmapRange range, int channels, int size) throws OrtException {
        String key = range.label() + "/" + channels + "/" + size;
        OrtSession session = SESSIONS.get(key);
        if (session == null) {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1); // a grid is tiny; leave the cores to training
                session = OrtEnvironment.getEnvironment().createSession(model(range, channels, size).toByteArray(),
                        options);
            }
            SESSIONS.put(key, session);
        }
        return session;
    }

    private static ModelProto model(HeatmapRange range, int channels, int size) {
        GraphBuilder graph = new GraphBuilder("text2pose_keypoint_decoder");
        graph.input(HEATMAPS, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM, channels, size, size);
        KeypointDecoding.append(graph, HEATMAPS, range, channels, size, null, GeneratorGraph.KEYPOINT_OUTPUT);
        graph.output(GeneratorGraph.KEYPOINT_OUTPUT, TensorProto.DataType.FLOAT, GeneratorGraph.BATCH_DIM, channels, 3);
        return ModelProto.newBuilder()
                .setIrVersion(OnnxExporter.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
                .setGraph(graph.build())
                .build();
    }
}
