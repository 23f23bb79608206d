/**
 * Writes any {@link dev.text2pose.trainer.export.OnnxExportable} network, trained or not, as the model bundle the
 * service loads: one ONNX file (opset 13) whose graph scales the raw text embedding, runs the network in eval mode
 * and ends in keypoints, and whose {@code metadata_props} carry {@link dev.text2pose.model.BundleMetadata}. The graph's names and shapes are
 * {@link dev.text2pose.model.GeneratorGraph}'s. The exporter is pure: it receives every fact it records, including
 * provenance, and reads nothing from the environment. The implementations: the paper's generator at either stage
 * ({@link dev.text2pose.trainer.export.HeatmapGeneratorExport}) and the regression MLP
 * ({@link dev.text2pose.trainer.export.MlpGeneratorExport}). The heatmap decoder exists once, as graph nodes
 * ({@code KeypointDecoding}); {@link dev.text2pose.trainer.export.GraphKeypointDecoder} runs it alone for training's
 * sample grids.
 */
package dev.text2pose.trainer.export;
