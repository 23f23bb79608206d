package dev.text2pose.trainer.eval;

import java.util.SplittableRandom;

/**
 * R-precision by PoseScript's protocol: for each query pose, rank its true caption within a pool of
 * {@value #POOL_SIZE} captions (the true one and {@code POOL_SIZE - 1} others drawn at random from the evaluation
 * captions) by the retrieval model's score, and count how often the true caption is in the top 1, 2 and 3; repeat
 * with {@value #REPETITIONS} fresh pools and average.
 *
 * <p>Distractors are drawn without replacement among captions of other images only: another caption of the same
 * image describes the same pose, so ranking it above the true caption is no error. Ties count against the true
 * caption (a distractor that scores equal ranks above it), so a constant scorer gets no credit. Pools depend only on
 * the seed, so every row of one run is ranked against the same pools. Where fewer than {@code POOL_SIZE - 1} other
 * captions exist (tiny sets), the pool holds all of them and {@link Scores#poolSize()} says so.
 */
public final class RPrecision {

    /** PoseScript's pool: 1 true caption and 31 distractors. */
    public static final int POOL_SIZE = 32;
    /** PoseScript's number of repetitions with fresh pools. */
    public static final int REPETITIONS = 10;

    private RPrecision() {
    }

    /** How well a pose matches a caption; higher is better. */
    @FunctionalInterface
    public interface Scorer {

        /** The score of caption {@code caption} for the pose answering query {@code query} in {@code repetition}. */
        float score(int query, int repetition, int caption);
    }

    /**
     * The R-precision of a scorer; query {@code q}'s true caption is caption {@code q}.
     *
     * @param captionImage per caption, its image id
     */
    public static Scores compute(long[] captionImage, Scorer scorer, int poolSize, int repetitions, long seed) {
        int n = captionImage.length;
        int[] hits = new int[3];
        int[] top3Hits = new int[n];
        int smallestPool = Integer.MAX_VALUE;
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < repetitions; r++) {
            SplittableRandom random = root.split();
            for (int q = 0; q < n; q++) {
                int[] distractors = distractors(captionImage, q, poolSize - 1, random);
                smallestPool = Math.min(smallestPool, distractors.length + 1);
                float truth = scorer.score(q, r, q);
                int above = 0;
                for (int c : distractors) {
                    above += scorer.score(q, r, c) >= truth ? 1 : 0;
                }
                for (int k = 0; k < hits.length; k++) {
                    hits[k] += above <= k ? 1 : 0;
                }
                top3Hits[q] += above <= 2 ? 1 : 0;
            }
        }
        double trials = (double) n * repetitions;
        double[] top3 = new double[n];
        for (int q = 0; q < n; q++) {
            top3[q] = (double) top3Hits[q] / repetitions;
        }
        return new Scores(hits[0] / trials, hits[1] / trials, hits[2] / trials, top3,
                n == 0 ? 0 : smallestPool, repetitions);
    }

    /** Up to {@code count} distinct captions of images other than query {@code q}'s, drawn uniformly. */
    private static int[] distractors(long[] captionImage, int q, int count, SplittableRandom random) {
        int eligible = 0;
        for (long image : captionImage) {
            eligible += image != captionImage[q] ? 1 : 0;
        }
        if (eligible <= count) {
            int[] all = new int[eligible];
            for (int c = 0, i = 0; c < captionImage.length; c++) {
                if (captionImage[c] != captionImage[q]) {
                    all[i++] = c;
                }
            }
            return all;
        }
        int[] chosen = new int[count];
        boolean[] taken = new boolean[captionImage.length];
        for (int i = 0; i < count; ) {
            int c = random.nextInt(captionImage.length);
            if (!taken[c] && captionImage[c] != captionImage[q]) {
                taken[c] = true;
                chosen[i++] = c;
            }
        }
        return chosen;
    }

    /**
     * R-precision at 1, 2 and 3.
     *
     * @param top1        fraction of (query, repetition) trials with the true caption ranked first
     * @param top2        ... within the first two
     * @param top3        ... within the first three
     * @param top3ByQuery per query, the fraction of its repetitions with the true caption in the first three: what
     *                    a bootstrap over images resamples
     * @param poolSize    the smallest pool used: {@link #POOL_SIZE} unless the set is tiny
     * @param repetitions how many pools each query was ranked in
     */
    public record Scores(double top1, double top2, double top3, double[] top3ByQuery, int poolSize,
                         int repetitions) {
    }
}
