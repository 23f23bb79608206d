package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.LinearImpl;

import java.util.List;
import java.util.Objects;

import static dev.text2pose.trainer.export.GraphBuilder.floatAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intAttribute;
import static dev.text2pose.trainer.export.GraphBuilder.intsAttribute;

/**
 * The paper's conditional {@link HeatmapGenerator} as a bundle: text -> Gemm (the text Linear) -> LeakyRelu(0.2) ->
 * Concat with the noise -> Reshape to [batch, 256, 1, 1] -> five ConvTranspose, the first four each with
 * BatchNormalization (running statistics) and Relu, the last with Tanh -> {@code heatmaps}; then
 * {@link KeypointDecoding} (with the description's {@link PresenceCalibration}, if any) -> {@code keypoints}.
 *
 * <p>The stage-1 (unconditional) generator exports too, as architecture {@value #UNCONDITIONAL_ARCHITECTURE}: the
 * service always feeds a caption, so its graph takes the {@code text_embedding} input like any bundle and does not
 * use it; the noise alone is reshaped into the deconvolutions.
 *
 * @param generator the trained (or initialised) generator
 * @param range     the range its heatmaps were trained in; decoding depends on it
 * @param textDim   the width of the text input: the generator's own when conditional, else the width of the encoder
 *                  whose vectors the graph takes and ignores
 */
public record HeatmapGeneratorExport(HeatmapGenerator generator, HeatmapRange range, int textDim)
        implements OnnxExportable {

    /** The architecture id of an exported stage-1 generator. */
    public static final String UNCONDITIONAL_ARCHITECTURE = PaperSpec.ARCHITECTURE + "-uncond";

    public HeatmapGeneratorExport {
        Objects.requireNonNull(range, "range");
        if (generator.isConditional() ? textDim != generator.textDim() : textDim <= 0) {
            throw new IllegalArgumentException("text input of width " + textDim + " for a generator that reads "
                    + generator.textDim());
        }
    }

    /** The export of a conditional generator. */
    public HeatmapGeneratorExport(HeatmapGenerator generator, HeatmapRange range) {
        this(generator, range, generator.textDim());
    }

    /** The export of a stage-1 generator whose graph takes {@code textDim}-long vectors and ignores them. */
    public static HeatmapGeneratorExport unconditional(HeatmapGenerator generator, HeatmapRange range, int textDim) {
        if (generator.isConditional()) {
            throw new IllegalArgumentException("the generator reads text; export it with the plain constructor");
        }
        return new HeatmapGeneratorExport(generator, range, textDim);
    }

    @Override
    public String architecture() {
        return generator.isConditional() ? PaperSpec.ARCHITECTURE : UNCONDITIONAL_ARCHITECTURE;
    }

    @Override
    public int noiseDim() {
        return PaperSpec.NOISE_DIM;
    }

    @Override
    public BundleMetadata.Heatmaps heatmaps() {
        return new BundleMetadata.Heatmaps(PaperSpec.HEATMAP_SIZE, range.label());
    }

    @Override
    public void appendTo(GraphBuilder graph, String text, String noise, BundleDescription description) {
        String vector = generator.isConditional() ? textAndNoise(graph, generator.textLayer(), text, noise) : noise;
        String heatmaps = upsample(graph, vector);
        KeypointDecoding.append(graph, heatmaps, range, PaperSpec.KEYPOINTS, PaperSpec.HEATMAP_SIZE,
                description.presence(), GeneratorGraph.KEYPOINT_OUTPUT);
    }

    /** Compress the text and append it to the noise; returns the [batch, 256] input vector. */
    private static String textAndNoise(GraphBuilder graph, LinearImpl textLayer, String text, String noise) {
        String linear = graph.node("Gemm", "text_linear",
                List.of(text, graph.weight("text.weight", textLayer.weight()), graph.weight("text.bias", textLayer.bias())),
                intAttribute("transB", 1));
        String compressed = graph.node("LeakyRelu", "text_compressed", List.of(linear),
                floatAttribute("alpha", (float) PaperSpec.LEAKY_SLOPE));
        return graph.node("Concat", "latent", List.of(noise, compressed), intAttribute("axis", 1));
    }

    /** The transposed-convolution stack, from the [batch, width] vector to {@code heatmaps}. */
    private String upsample(GraphBuilder graph, String vector) {
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
}
