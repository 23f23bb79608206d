package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.flow.FlowTime;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static dev.text2pose.trainer.export.GraphBuilder.floatAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intAttribute;

/**
 * The keypoint-space flow generator as a bundle: {@link FlowSampler}'s Euler steps unrolled into the graph, so the
 * service still makes one ONNX call per batch.
 *
 * <pre>
 * text_proj = Gemm(text, inText)                                  once per sample
 * x = temperature * noise
 * step k = 0..K-1, t_k = k / K:
 *   base  = Gemm(x, inPose) + time_k        time_k = inTime(FlowTime(t_k)), a constant per step
 *   v     = blocks(base + text_proj)        guided: v_null = blocks(base + inText.bias),
 *                                                   v = v_null + w (v - v_null)
 *   x     = x + v / K                 bounded: x1 = clamp(x + (1 - t_k) v, lower, upper),
 *                                                x = x + (x1 - x) / (K - k), the last step x = x1
 * keypoints = [x_k / 4 + 0.5, y_k / 4 + 0.5, clip((p_k + 1) / 2, 0, 1)]   (FlowPoses: frame units, y down)
 * </pre>
 * With a {@link PresenceCalibration} the confidences then go through the same per-keypoint exponents as the heatmap
 * model's ({@link KeypointDecoding#calibrated}). The noise is the flow's start point, so noise_dim is 51.
 *
 * @param network the trained velocity network
 * @param sampler the steps and guidance weight the graph unrolls
 */
public record FlowNetworkExport(FlowNetwork network, FlowSampler sampler) implements OnnxExportable {

    /** The architecture id bundles record. */
    public static final String ARCHITECTURE = "keypoint-flow";

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int textDim() {
        return network.textDim();
    }

    @Override
    public int noiseDim() {
        return FlowPoses.WIDTH;
    }

    @Override
    public BundleMetadata.Heatmaps heatmaps() {
        return null;
    }

    @Override
    @SuppressWarnings("try")
    public void appendTo(GraphBuilder graph, String text, String noise, BundleDescription description) {
        Layer inPose = Layer.of(graph, "inPose", network.inPose());
        Layer inText = Layer.of(graph, "inText", network.inText());
        List<Layer[]> blocks = new ArrayList<>();
        for (int i = 0; i < FlowNetwork.BLOCKS; i++) {
            blocks.add(new Layer[] {Layer.of(graph, "fc1_" + i, network.fc1(i)),
                    Layer.of(graph, "fc2_" + i, network.fc2(i))});
        }
        Layer out = Layer.of(graph, "out", network.out());
        String textProjection = inText.apply(graph, text, "text_projection");
        String nullProjection = inText.bias();
        String dt = sampler.bounded() ? null : graph.floats("flow_dt", new long[0], 1f / sampler.steps());
        String weight = graph.floats("flow_guidance", new long[0], sampler.guidance());
        String lower = sampler.bounded()
                ? graph.floats("flow_lower", new long[] {FlowPoses.WIDTH}, FlowPoses.lowerBounds()) : null;
        String upper = sampler.bounded()
                ? graph.floats("flow_upper", new long[] {FlowPoses.WIDTH}, FlowPoses.upperBounds()) : null;
        String x = sampler.temperature() == 1f ? noise : graph.node("Mul", "flow_start", List.of(noise,
                graph.floats("flow_temperature", new long[0], sampler.temperature())));
        for (int k = 0; k < sampler.steps(); k++) {
            String step = "s" + k;
            String base = graph.node("Add", step + "_base", List.of(inPose.apply(graph, x, step + "_pose"),
                    graph.floats(step + "_time", new long[] {FlowNetwork.WIDTH}, timeProjection(k))));
            String v = velocity(graph, graph.node("Add", step + "_h", List.of(base, textProjection)), blocks, out,
                    step + "_text");
            if (sampler.guided()) {
                String unguided = velocity(graph, graph.node("Add", step + "_h_null", List.of(base, nullProjection)),
                        blocks, out, step + "_null");
                String difference = graph.node("Sub", step + "_v_diff", List.of(v, unguided));
                v = graph.node("Add", step + "_v_guided", List.of(unguided,
                        graph.node("Mul", step + "_v_diff_weighted", List.of(difference, weight))));
            }
            if (sampler.bounded()) {
                String end = graph.node("Add", step + "_end", List.of(x, graph.node("Mul", step + "_end_dx",
                        List.of(v, graph.floats(step + "_remaining", new long[0], (float) (1 - sampler.time(k)))))));
                String clamped = graph.node("Max", step + "_end_clamped", List.of(
                        graph.node("Min", step + "_end_below", List.of(end, upper)), lower));
                x = k == sampler.steps() - 1 ? clamped : graph.node("Add", step + "_x", List.of(x, graph.node("Mul",
                        step + "_dx", List.of(graph.node("Sub", step + "_to_end", List.of(clamped, x)),
                        graph.floats(step + "_fraction", new long[0], (float) sampler.boundedStep(k))))));
            } else {
                x = graph.node("Add", step + "_x", List.of(x, graph.node("Mul", step + "_dx", List.of(v, dt))));
            }
        }
        decode(graph, x, description.presence());
    }

    /** The time's share of the first layer at step k, [width]: a constant of the unrolled graph. */
    @SuppressWarnings("try")
    private float[] timeProjection(int k) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            Tensor features = Tensor.create(FlowTime.features(sampler.time(k)), 1, FlowTime.DIM);
            Tensor projected = network.inTime().forward(features).contiguous();
            float[] values = new float[FlowNetwork.WIDTH];
            projected.data_ptr_float().get(values);
            return values;
        }
    }

    private static String velocity(GraphBuilder graph, String h, List<Layer[]> blocks, Layer out, String prefix) {
        for (int i = 0; i < blocks.size(); i++) {
            String name = prefix + "_b" + i;
            String inner = blocks.get(i)[0].apply(graph, silu(graph, h, name + "_a1"), name + "_fc1");
            String update = blocks.get(i)[1].apply(graph, silu(graph, inner, name + "_a2"), name + "_fc2");
            h = graph.node("Add", name + "_h", List.of(h, update));
        }
        return out.apply(graph, silu(graph, h, prefix + "_out_a"), prefix + "_v");
    }

    private static String silu(GraphBuilder graph, String x, String name) {
        return graph.node("Mul", name, List.of(x, graph.node("Sigmoid", name + "_sigmoid", List.of(x))));
    }

    /** The pose vector to [batch, 17, 3] keypoints, as {@link FlowPoses#keypoints(float[], int)} decodes it. */
    private static void decode(GraphBuilder graph, String x, PresenceCalibration calibration) {
        int keypoints = PaperSpec.KEYPOINTS;
        String coordinates = graph.node("Slice", "decode_coordinates_flat", List.of(x,
                graph.longs("decode_coordinates_start", new long[] {1}, 0),
                graph.longs("decode_coordinates_end", new long[] {1}, FlowPoses.PRESENCE_OFFSET),
                graph.longs("decode_axis", new long[] {1}, 1)));
        String pairs = graph.node("Reshape", "decode_coordinates", List.of(coordinates,
                graph.longs("decode_coordinates_shape", new long[] {3}, 0, keypoints, 2)));
        // (c * 16 + 32) / 64 = c / 4 + 1/2
        String unit = graph.node("Add", "decode_xy", List.of(
                graph.node("Mul", "decode_xy_scaled", List.of(pairs, graph.floats("decode_xy_scale", new long[0],
                        FlowPoses.COORDINATE_SCALE / FramePose.FRAME_SIZE))),
                graph.floats("decode_half", new long[0], 0.5f)));
        String presence = graph.node("Slice", "decode_presence_flat", List.of(x,
                graph.longs("decode_presence_start", new long[] {1}, FlowPoses.PRESENCE_OFFSET),
                graph.longs("decode_presence_end", new long[] {1}, FlowPoses.WIDTH), "decode_axis"));
        String column = graph.node("Reshape", "decode_presence", List.of(presence,
                graph.longs("decode_presence_shape", new long[] {3}, 0, keypoints, 1)));
        String half = "decode_half";
        String confidence = graph.node("Clip", "decode_confidence", List.of(
                graph.node("Add", "decode_confidence_raw", List.of(graph.node("Mul", "decode_presence_half",
                        List.of(column, half)), half)),
                graph.floats("decode_zero", new long[0], 0f), graph.floats("decode_one", new long[0], 1f)));
        if (calibration != null) {
            confidence = KeypointDecoding.calibrated(graph, confidence, calibration, keypoints);
        }
        graph.node("Concat", GeneratorGraph.KEYPOINT_OUTPUT, List.of(unit, confidence), intAttribute("axis", 2));
    }

    /** A Linear layer's weight and bias, added to the graph once and used by every step. */
    private record Layer(String weight, String bias) {

        static Layer of(GraphBuilder graph, String name, LinearImpl linear) {
            return new Layer(graph.weight(name + ".weight", linear.weight()), graph.weight(name + ".bias",
                    linear.bias()));
        }

        String apply(GraphBuilder graph, String input, String output) {
            return graph.node("Gemm", output, List.of(input, weight, bias), intAttribute("transB", 1),
                    floatAttribute("alpha", 1f));
        }
    }
}
