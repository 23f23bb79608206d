package dev.text2pose.trainer.data;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The samples that {@link DataSplit#heldOut(long)} puts in {@code split} ({@code VALIDATION} or {@code TEST}),
     * in the same order: for a dataset of the evaluation files.
     */
    public List<CaptionedPose> heldOut(DataSplit split) {
        if (split == DataSplit.TRAIN) {
            throw new IllegalArgumentException("TRAIN is every image of the training files, not a held-out part");
        }
        return samples.stream().filter(s -> DataSplit.heldOut(s.imageId()) == split).toList();
    }

    /** The image ids of the samples. */
    public Set<Long> imageIds() {
        return samples.stream().map(CaptionedPose::imageId).collect(Collectors.toSet());
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
