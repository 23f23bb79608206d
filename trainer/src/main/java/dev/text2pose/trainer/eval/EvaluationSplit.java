package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CaptionedPoseDataset;
import dev.text2pose.trainer.data.DataSplit;

import java.util.List;

/**
 * Which single-person images of the evaluation file are evaluated.
 *
 * <p>{@link #TEST} and {@link #VALIDATION} are the project's own halves of the held-out (val2017) single-person
 * images ({@link DataSplit#heldOut}, by image id); {@link #ALL} takes every image of the file unchanged, for
 * COCO-format files the project has never seen. The test split is for reported numbers only; the validation split is for choosing settings.
 */
public enum EvaluationSplit {

    /** The project's held-out test split: every number in the README. */
    TEST,
    /** The project's validation split: for choosing checkpoints and settings. */
    VALIDATION,
    /** Every image of the file: another COCO-format split, such as a held-out set. */
    ALL;

    /** The images of {@code dataset} this split evaluates, in image-id order. */
    public List<CaptionedPose> select(CaptionedPoseDataset dataset) {
        return switch (this) {
            case TEST -> dataset.heldOut(DataSplit.TEST);
            case VALIDATION -> dataset.heldOut(DataSplit.VALIDATION);
            case ALL -> dataset.samples();
        };
    }

    /** The split named {@code label}, case-insensitively ({@code test}, {@code validation}, {@code all}). */
    public static EvaluationSplit fromLabel(String label) {
        for (EvaluationSplit split : values()) {
            if (split.name().equalsIgnoreCase(label)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + label + "'; expected test, validation or all");
    }

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
