package dev.text2pose.trainer.data;

import java.util.List;

/**
 * The stage-1 (unconditional) dataset: every usable person with more than 7 labelled keypoints, one sample each.
 *
 * @param poses  the persons in file order, so the same file always gives the same list and the same hash
 * @param report what was read and skipped
 */
public record PoseDataset(List<FramePose> poses, DataReport report) {

    public PoseDataset {
        poses = List.copyOf(poses);
    }

    /** A SHA-256 of the poses for bundle provenance; see {@link DatasetHash}. */
    public String hash() {
        return DatasetHash.ofPoses(poses);
    }
}
