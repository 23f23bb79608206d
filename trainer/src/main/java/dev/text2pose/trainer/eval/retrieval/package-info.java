/**
 * The text-pose retrieval score of the evaluation: a small contrastive model (a pose MLP and a linear caption
 * projection, trained with InfoNCE on the training split only) that judges whether a pose matches a caption, so
 * that poses can be scored by R-precision as PoseScript does, beside the paper's distances.
 *
 * <p>It runs on libtorch like the generators: a {@code Module} of three linear layers, autograd through the InfoNCE
 * loss, and torch's AdamW, trained on one intra-op thread so a rerun gives the same judge. {@link
 * dev.text2pose.trainer.eval.retrieval.ContrastiveTrainer} trains it, {@link
 * dev.text2pose.trainer.eval.retrieval.RetrievalModelCache} keeps it keyed by data hash, settings and seed.
 */
package dev.text2pose.trainer.eval.retrieval;
