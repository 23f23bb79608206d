package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CocoDatasets;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The real poses of the held-out split a run does not evaluate (validation for test, test for validation): two
 * real samples of one distribution, whose FID is the floor a generator's FID is read against.
 */
final class HeldOutCounterpart {

    private HeldOutCounterpart() {
    }

    /**
     * The other split's poses, selected from the evaluation files by the same rule; empty for the {@code all} split
     * (no other split) or when it holds fewer than two images.
     */
    static Optional<PoseSet> poses(EvaluationDataLoader.DataFiles files, EvaluationSplit split) throws IOException {
        EvaluationSplit other = switch (split) {
            case TEST -> EvaluationSplit.VALIDATION;
            case VALIDATION -> EvaluationSplit.TEST;
            case ALL -> null;
        };
        if (other == null) {
            return Optional.empty();
        }
        List<CaptionedPose> images = other.select(CocoDatasets.stage2(files.keypoints(), files.captions()));
        return images.size() < 2 ? Optional.empty()
                : Optional.of(PoseSet.ofFramePoses(images.stream().map(CaptionedPose::pose).toList()));
    }
}
