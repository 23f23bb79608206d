package dev.text2pose.model;

/**
 * The names and shapes of the exported generator graph: the interface between the trainer's exporter and every
 * ONNX Runtime session that runs it. The batch dimension is dynamic and named {@code batch}.
 *
 * <ul>
 *   <li>{@value #TEXT_INPUT}: float [batch, embeddingDim], the text encoder's raw unit-norm sentence vector;
 *       the graph multiplies it by the bundle's embedding scale itself.</li>
 *   <li>{@value #NOISE_INPUT}: float [batch, noiseDim], standard normal noise.</li>
 *   <li>{@value #HEATMAP_OUTPUT}: float [batch, 17, size, size], the generator's raw heatmaps in the bundle's
 *       heatmap range.</li>
 *   <li>{@value #KEYPOINT_OUTPUT}: float [batch, 17, 3], required of every model kind: x and y in the normalised
 *       person frame (y down) and a confidence in [0, 1], compared with the bundle's presence threshold. A heatmap
 *       generator decodes them inside the graph (each channel's argmax and maximum).</li>
 * </ul>
 */
public final class GeneratorGraph {

    public static final String TEXT_INPUT = "text_embedding";
    public static final String NOISE_INPUT = "noise";
    public static final String HEATMAP_OUTPUT = "heatmaps";
    public static final String KEYPOINT_OUTPUT = "keypoints";
    public static final String BATCH_DIM = "batch";

    private GeneratorGraph() {
    }
}
