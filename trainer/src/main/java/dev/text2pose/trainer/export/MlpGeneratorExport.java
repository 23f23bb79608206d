package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.LinearImpl;

import java.util.List;

import static dev.text2pose.trainer.export.GraphBuilder.intAttribute;

/**
 * The paper's regression baseline ({@link MlpGenerator}) as a bundle: Concat(noise, text) -> Gemm -> Relu -> Gemm ->
 * Relu -> Gemm -> the 51-wide pose vector of {@link MlpPoses}; its 34 coordinates (interleaved x, y in units of
 * {@value MlpPoses#COORDINATE_SCALE} px) are scaled to the [0, 1] person frame and its 17 visibilities go through a
 * sigmoid, giving {@code keypoints} [batch, 17, 3]. No heatmaps. The bundle's presence threshold should be
 * {@link MlpPoses#VISIBILITY_THRESHOLD}, the paper's for this model; a presence calibration is refused.
 *
 * @param generator the trained (or initialised) MLP
 */
public record MlpGeneratorExport(MlpGenerator generator) implements OnnxExportable {

    /** The architecture id the bundle records. */
    public static final String ARCHITECTURE = "paper-mlp";

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int textDim() {
        return generator.textDim();
    }

    @Override
    public int noiseDim() {
        return PaperSpec.NOISE_DIM;
    }

    @Override
    public BundleMetadata.Heatmaps heatmaps() {
        return null;
    }

    @Override
    public void appendTo(GraphBuilder graph, String text, String noise, BundleDescription description) {
        if (description.presence() != null) {
            throw new IllegalArgumentException("the regression baseline applies no presence calibration");
        }
        String x = graph.node("Concat", "mlp_input", List.of(noise, text), intAttribute("axis", 1));
        x = graph.node("Relu", "mlp_hidden1_relu", List.of(linear(graph, generator.hidden1(), "hidden1", x)));
        x = graph.node("Relu", "mlp_hidden2_relu", List.of(linear(graph, generator.hidden2(), "hidden2", x)));
        String pose = linear(graph, generator.out(), "out", x);
        int keypoints = PaperSpec.KEYPOINTS;
        String coordinates = graph.node("Slice", "mlp_coordinates", List.of(pose,
                graph.longs("mlp_coordinates_start", new long[] {1}, 0),
                graph.longs("mlp_coordinates_end", new long[] {1}, MlpPoses.VISIBILITY_OFFSET),
                graph.longs("mlp_axis", new long[] {1}, 1)));
        String visibilities = graph.node("Slice", "mlp_visibilities", List.of(pose,
                graph.longs("mlp_visibilities_start", new long[] {1}, MlpPoses.VISIBILITY_OFFSET),
                graph.longs("mlp_visibilities_end", new long[] {1}, MlpPoses.WIDTH),
                "mlp_axis"));
        String toUnit = graph.floats("mlp_to_unit", new long[0], MlpPoses.COORDINATE_SCALE / FramePose.FRAME_SIZE);
        String xy = graph.node("Reshape", "mlp_xy", List.of(
                graph.node("Mul", "mlp_coordinates_unit", List.of(coordinates, toUnit)),
                graph.longs("mlp_xy_shape", new long[] {3}, 0, keypoints, 2)));
        String confidence = graph.node("Reshape", "mlp_confidence", List.of(
                graph.node("Sigmoid", "mlp_visibilities_sigmoid", List.of(visibilities)),
                graph.longs("mlp_confidence_shape", new long[] {3}, 0, keypoints, 1)));
        graph.node("Concat", GeneratorGraph.KEYPOINT_OUTPUT, List.of(xy, confidence), intAttribute("axis", 2));
    }

    private static String linear(GraphBuilder graph, LinearImpl layer, String name, String input) {
        return graph.node("Gemm", "mlp_" + name, List.of(input, graph.weight(name + ".weight", layer.weight()),
                graph.weight(name + ".bias", layer.bias())), intAttribute("transB", 1));
    }
}
