package dev.text2pose.trainer.data;

import java.nio.charset.StandardCharsets;

/**
 * The train / validation / test split of the conditional data, decided by image id alone.
 *
 * <p>The rule: take {@code SHA-256("text2pose-split-v1:" + imageId)} (the id in decimal, UTF-8), read its first
 * four bytes as an unsigned big-endian number, and take it modulo 100. Buckets 0-79 are train, 80-89 validation,
 * 90-99 test. So:
 * <ul>
 *   <li>it is a pure function of the id: no state, no seed, the same on every machine and in any language;</li>
 *   <li>an image and all of its captions always land in the same split, so no caption of a test image is ever
 *       trained on;</li>
 *   <li>adding or removing images never moves the others, so results on the test split stay comparable when the
 *       data changes;</li>
 *   <li>the salt makes the split independent of how COCO assigned ids; changing it (v2) would give a new split.</li>
 * </ul>
 */
public enum DataSplit {

    /** About 80 % of the images: what the networks see. */
    TRAIN,
    /** About 10 %: for choosing checkpoints and hyperparameters. */
    VALIDATION,
    /** About 10 %: touched only for the final numbers. */
    TEST;

    /** The salt of the split rule; part of the rule, so it is part of a bundle's provenance too. */
    public static final String SALT = "text2pose-split-v1:";

    private static final int TRAIN_BUCKETS = 80;
    private static final int VALIDATION_BUCKETS = 10;

    /** The split that image {@code imageId} belongs to. */
    public static DataSplit of(long imageId) {
        int bucket = bucket(imageId);
        if (bucket < TRAIN_BUCKETS) {
            return TRAIN;
        }
        return bucket < TRAIN_BUCKETS + VALIDATION_BUCKETS ? VALIDATION : TEST;
    }

    /** The image's bucket in {@code 0..99}, as described in the class comment. */
    static int bucket(long imageId) {
        byte[] digest = DatasetHash.sha256().digest((SALT + imageId).getBytes(StandardCharsets.UTF_8));
        long first4 = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
                | (digest[3] & 0xffL);
        return (int) (first4 % 100);
    }
}
