/**
 * Statistics the evaluation reports beside its point estimates, independent of poses: 95% bootstrap intervals over
 * the evaluated images ({@link dev.text2pose.trainer.eval.stats.ImageBootstrap}), and the Fréchet distance between
 * two Gaussians fitted to embeddings ({@link dev.text2pose.trainer.eval.stats.FrechetDistance}, on {@link
 * dev.text2pose.trainer.eval.stats.SymmetricEigen}).
 *
 * <p>Everything works on per-image sums ({@link dev.text2pose.trainer.eval.stats.ImageSums}, {@link
 * dev.text2pose.trainer.eval.stats.EmbeddingMoments}) weighted by how often a resample drew each image, so a
 * resample costs a weighted sum rather than a new pass over every pose, and the unweighted sum is the point
 * estimate itself.
 */
package dev.text2pose.trainer.eval.stats;
