/**
 * Training: the paper's conditional WGAN-LP loop ({@link dev.text2pose.trainer.train.Trainer}), its one config
 * record ({@link dev.text2pose.trainer.train.TrainConfig}, with presets and typed overrides), and the run's files:
 * losses CSV and its curves, progress lines, sample grids and resumable checkpoints.
 *
 * <p>Reproducible by construction: every random draw is a function of (seed, purpose, step) through {@link
 * dev.text2pose.trainer.train.RunRandom}, so a checkpoint needs only the step besides weights and optimiser states,
 * and a resumed run continues the uninterrupted run's loss trajectory exactly. The loop trains the paper's heatmap
 * model and its MLP regression baseline alike, through the small {@code PoseGan} interface. A checkpoint of either,
 * at either stage, becomes a bundle through {@link dev.text2pose.trainer.train.CheckpointExport}, which also records
 * the checkpoint's whole config, data hash, code version and text encoder in it.
 */
package dev.text2pose.trainer.train;
