package dev.text2pose.trainer.eval;

/**
 * One evaluation caption: what every {@link PoseSource} is asked to turn into poses.
 *
 * <p>The noise seed is a function of the run seed, the image id and the caption's position among its image's
 * captions ({@link #noiseSeed(long, long, int)}), not of the caption's position in the run. So a caption gets the
 * same noise whether it is evaluated alone, in a subset or in the whole split, and every row of one run uses the same
 * noise for the same caption, which makes rows that take noise (the conditional and unconditional generators)
 * comparable draw by draw.
 *
 * @param imageId        COCO id of the caption's image
 * @param imageIndex     index of that image's pose in the evaluation set's real poses: the ground truth
 * @param captionOrdinal position of the caption among its image's captions, in file order
 * @param caption        the text
 * @param embedding      the text encoder's raw vector of the caption; shared, so read it only
 * @param noiseSeed      seed of this caption's noise draws, for {@link dev.text2pose.model.NoiseSampler}
 */
public record EvalQuery(long imageId, int imageIndex, int captionOrdinal, String caption, float[] embedding,
                        long noiseSeed) {

    /** The noise seed of caption {@code captionOrdinal} of image {@code imageId} in a run seeded {@code runSeed}. */
    public static long noiseSeed(long runSeed, long imageId, int captionOrdinal) {
        return mix(mix(runSeed ^ mix(imageId)) + captionOrdinal);
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
