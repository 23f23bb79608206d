package dev.text2pose.trainer.export;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.text2pose.trainer.model.HeatmapRange;

import java.util.List;

import static dev.text2pose.trainer.export.GraphBuilder.intAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intsAttribute;

/**
 * The in-graph keypoint decoder, so that no consumer re-implements it: per channel, the argmax of the heatmap gives
 * the position and the maximum gives the confidence.
 *
 * <p>Heatmaps are first mapped to [0, 1] ({@code h*0.5+0.5} for the paper's [-1, 1] range, unchanged for [0, 1]).
 * Each channel is flattened to {@code size*size}; {@code ArgMax} (first maximum on ties) gives an int64 index, whose
 * {@code index mod size} and {@code index div size} are the column and the row; both are cast to float and divided
 * by {@code size}, so x and y lie in [0, 1) of the normalised person frame, y down. The confidence is the channel
 * maximum in [0, 1]; with a {@link PresenceCalibration}, it is then clipped to [{@value PresenceCalibration#CLIP_MIN},
 * 1] and raised to the keypoint's exponent, so the bundle's one threshold means each keypoint's calibrated one. The
 * output is {@code [batch, channels, 3]} holding (x, y, confidence).
 */
final class KeypointDecoding {

    private KeypointDecoding() {
    }

    /**
     * Appends the decoder to {@code graph}.
     *
     * @param heatmaps name of the [batch, channels, size, size] heatmap value
     * @param calibration per-keypoint presence calibration, or {@code null} for the raw maxima
     * @param output   name to give the [batch, channels, 3] keypoint value
     * @return {@code output}
     */
    static String append(GraphBuilder graph, String heatmaps, HeatmapRange range, int channels, int size,
                         PresenceCalibration calibration, String output) {
        String probs = toUnitRange(graph, heatmaps, range);
        String flat = graph.node("Reshape", "decode_flat",
                List.of(probs, graph.longs("decode_flat_shape", new long[] {3}, 0, channels, (long) size * size)));
        String index = graph.node("ArgMax", "decode_argmax", List.of(flat),
                intAttribute("axis", 2), intAttribute("keepdims", 1));
        String maximum = graph.node("ReduceMax", "decode_confidence", List.of(flat),
                intsAttribute("axes", 2), intAttribute("keepdims", 1));
        String confidence = calibration == null ? maximum : calibrated(graph, maximum, calibration, channels);
        String side = graph.longs("decode_side", new long[0], size);
        String sideFloat = graph.floats("decode_side_float", new long[0], size);
        String x = normalised(graph, graph.node("Mod", "decode_column", List.of(index, side)), sideFloat, "decode_x");
        String y = normalised(graph, graph.node("Div", "decode_row", List.of(index, side)), sideFloat, "decode_y");
        return graph.node("Concat", output, List.of(x, y, confidence), intAttribute("axis", 2));
    }

    private static String toUnitRange(GraphBuilder graph, String heatmaps, HeatmapRange range) {
        if (range == HeatmapRange.ZERO_TO_ONE) {
            return heatmaps;
        }
        String half = graph.floats("decode_half", new long[0], 0.5f);
        String scaled = graph.node("Mul", "decode_scaled", List.of(heatmaps, half));
        return graph.node("Add", "decode_probs", List.of(scaled, half));
    }

    /** Clips the [batch, channels, 1] confidences and raises them to the calibration's per-keypoint exponents. */
    static String calibrated(GraphBuilder graph, String maximum, PresenceCalibration calibration,
                                     int channels) {
        String clipped = graph.node("Clip", "decode_confidence_clipped", List.of(maximum,
                graph.floats("decode_clip_min", new long[0], PresenceCalibration.CLIP_MIN),
                graph.floats("decode_clip_max", new long[0], 1f)));
        String exponents = graph.floats("presence_exponents", new long[] {1, channels, 1}, calibration.exponents());
        return graph.node("Pow", "decode_confidence_calibrated", List.of(clipped, exponents));
    }

    private static String normalised(GraphBuilder graph, String pixel, String sideFloat, String output) {
        String asFloat = graph.node("Cast", pixel + "_float", List.of(pixel),
                intAttribute("to", TensorProto.DataType.FLOAT.getNumber()));
        return graph.node("Div", output, List.of(asFloat, sideFloat));
    }
}
