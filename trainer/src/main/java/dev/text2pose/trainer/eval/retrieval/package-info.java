/**
 * The text-pose retrieval score of the evaluation: a small contrastive model (a pose MLP and a linear caption
 * projection, trained with InfoNCE on the training split only) that judges whether a pose matches a caption, so
 * that poses can be scored by R-precision as PoseScript does, beside the paper's distances.
 *
 * <p>It is plain Java rather than libtorch: the model has about 55 thousand weights, so native start-up and
 * per-operation overhead would dominate, while plain loops train it in seconds, bit-for-bit reproducibly, with
 * gradients checked against finite differences in the tests. {@link
 * dev.text2pose.trainer.eval.retrieval.ContrastiveTrainer} trains it, {@link
 * dev.text2pose.trainer.eval.retrieval.RetrievalModelCache} keeps it keyed by data hash, settings and seed.
 */
package dev.text2pose.trainer.eval.retrieval;
