package dev.text2pose.trainer.data;

import java.util.List;

/**
 * The stage-2 (conditional) dataset: single-person images with all their captions, ordered by image id.
 *
 * @param samples one per image, ordered by image id so that the order does not depend on the file's
 * @param report  what was read and skipped
 */
public record CaptionedPoseDataset(List<CaptionedPose> samples, DataReport report) {

    public CaptionedPoseDataset {
        samples = List.copyOf(samples);
    }

    /** The samples that {@link DataSplit#of(long)} puts in {@code split}, in the same order. */
    public List<CaptionedPose> split(DataSplit split) {
        return samples.stream().filter(s -> DataSplit.of(s.imageId()) == split).toList();
    }

    /** How many (pose, caption) pairs the samples hold. */
    public int pairCount() {
        return samples.stream().mapToInt(s -> s.captions().size()).sum();
    }

    /** A SHA-256 of the samples, captions included, for bundle provenance; see {@link DatasetHash}. */
    public String hash() {
        return DatasetHash.ofCaptioned(samples);
    }
}
