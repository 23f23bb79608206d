/**
 * The data pipeline of the trainer: COCO annotation files in, normalised 64x64-frame poses and their captions out,
 * plus the per-step work the training loop asks of the data (heatmaps, augmentation, the split, cached caption
 * embeddings, a provenance hash).
 *
 * <p>The flow is {@link dev.text2pose.trainer.data.KeypointFileReader} / {@link
 * dev.text2pose.trainer.data.CaptionFileReader} (raw records, nothing judged) -> {@link
 * dev.text2pose.trainer.data.DatasetBuilder} (the paper's two selection rules, bad data counted in a {@link
 * dev.text2pose.trainer.data.DataReport}) -> {@link dev.text2pose.trainer.data.PoseNormalizer} (bbox to the 64 frame)
 * -> {@link dev.text2pose.trainer.data.DataSplit} (by image id). Reading and judging are separate so that the rules
 * can be tested on hand-made records and the readers on hand-made files. Everything here is plain Java with no
 * tensor library, so the training loop can wrap the float arrays it gets without this package knowing about it.
 */
package dev.text2pose.trainer.data;
