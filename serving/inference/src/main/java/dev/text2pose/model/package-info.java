/**
 * Model bundles and inference: opening ONNX Runtime sessions with CUDA-or-CPU choice
 * ({@link dev.text2pose.model.OrtSessions}), loading and validating the exported generator with its metadata
 * ({@link dev.text2pose.model.ModelBundle}) and turning validated requests into poses
 * ({@link dev.text2pose.model.PoseGenerator}). The bundle's graph contract ({@link dev.text2pose.model.GeneratorGraph})
 * and metadata ({@link dev.text2pose.model.BundleMetadata}) are the only interface between trainer and service.
 */
package dev.text2pose.model;
