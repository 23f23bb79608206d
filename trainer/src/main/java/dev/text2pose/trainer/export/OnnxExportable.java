package dev.text2pose.trainer.export;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;

/**
 * A trained network that can write itself into a model bundle: the one thing a new model kind implements to be
 * exported, served and evaluated (in the spirit of Tribuo's {@code ONNXExportable}).
 *
 * <p>{@link OnnxExporter} declares the graph's inputs, scales the text embedding by the description's factor, calls
 * {@link #appendTo} and then declares the outputs, writes the metadata and hashes the weights; the network writes
 * only its own layers.
 */
public interface OnnxExportable {

    /** The architecture id the bundle records, e.g. {@code paper-cgan-64}; it also starts the model version. */
    String architecture();

    /** Width of the text embedding the network takes. */
    int textDim();

    /** Length of the standard normal noise the network takes. */
    int noiseDim();

    /** The optional heatmap output the graph also emits, or {@code null} when it emits keypoints only. */
    BundleMetadata.Heatmaps heatmaps();

    /**
     * Appends the network to {@code graph}, in inference mode whatever mode its modules are in: from {@code text}
     * ([batch, textDim], already scaled) and {@code noise} ([batch, noiseDim]) to the [batch, 17, 3] value named
     * {@value GeneratorGraph#KEYPOINT_OUTPUT} (x, y in the normalised person frame, confidence in [0, 1]), and to
     * {@value GeneratorGraph#HEATMAP_OUTPUT} when {@link #heatmaps()} declares it.
     *
     * @throws IllegalArgumentException when the description asks for what this network cannot do, such as a presence
     *                                  calibration it does not apply
     */
    void appendTo(GraphBuilder graph, String text, String noise, BundleDescription description);
}
