package dev.text2pose.trainer.data;

import java.nio.charset.StandardCharsets;

/**
 * The train / validation / test split of the conditional data.
 *
 * <p>The rule, as the paper has it: every single-person image of the <em>training files</em> (COCO train2017) is
 * {@link #TRAIN}; the single-person images of the <em>evaluation files</em> (COCO val2017) are held out and split
 * by image id alone. For those, take {@code SHA-256("text2pose-split-v2:" + imageId)} (the id in decimal, UTF-8),
 * read its first four bytes as an unsigned big-endian number, and take it modulo 100: buckets 0-49 are
 * validation, 50-99 test. So:
 * <ul>
 *   <li>train and held-out images come from different COCO splits, whose ids are disjoint; the trainer still
 *       refuses any image id that the evaluation files list (see {@code TrainingData.conditional});</li>
 *   <li>the held-out split is a pure function of the id: no state, no seed, the same on every machine and in any
 *       language, and an image and all its captions always land in the same split;</li>
 *   <li>adding or removing images never moves the others, so results stay comparable when the data changes;</li>
 *   <li>the salt makes the split independent of how COCO assigned ids. Version 1 ({@code text2pose-split-v1:},
 *       80/10/10 of val2017 alone, when only val2017 had captions) trained on val2017; version 2 never does.</li>
 * </ul>
 */
public enum DataSplit {

    /** Every image of the training files: what the networks see. */
    TRAIN,
    /** About half the held-out images: for choosing checkpoints, thresholds and hyperparameters. */
    VALIDATION,
    /** The other half: touched only for the final numbers. */
    TEST;

    /** The salt of the held-out rule; part of the rule, so it is part of a bundle's provenance too. */
    public static final String SALT = "text2pose-split-v2:";

    private static final int VALIDATION_BUCKETS = 50;

    /** The split of held-out (evaluation-file) image {@code imageId}: {@link #VALIDATION} or {@link #TEST}. */
    public static DataSplit heldOut(long imageId) {
        return bucket(imageId) < VALIDATION_BUCKETS ? VALIDATION : TEST;
    }

    /** The image's bucket in {@code 0..99}, as described in the class comment. */
    static int bucket(long imageId) {
        byte[] digest = DatasetHash.sha256().digest((SALT + imageId).getBytes(StandardCharsets.UTF_8));
        long first4 = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return (int) (first4 % 100);
    }
}
