package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RPrecisionTest {

    /** 200 images with 5 captions each. */
    private static final long[] IMAGES = images(200, 5);

    @Test
    void aPerfectScorerRanksTheTrueCaptionFirst() {
        RPrecision.Scores scores = RPrecision.compute(IMAGES, (q, r, c) -> c == q ? 1f : 0f, 32, 10, 7);
        assertEquals(1.0, scores.top1());
        assertEquals(1.0, scores.top3());
        assertEquals(32, scores.poolSize());
        assertEquals(10, scores.repetitions());
    }

    @Test
    void aRandomScorerScoresChance() {
        RPrecision.Scores scores = RPrecision.compute(IMAGES,
                (q, r, c) -> new SplittableRandom(((long) q * 31 + r) * 100_003 + c).nextFloat(), 32, 10, 7);
        assertEquals(1 / 32.0, scores.top1(), 0.01);
        assertEquals(2 / 32.0, scores.top2(), 0.012);
        assertEquals(3 / 32.0, scores.top3(), 0.015);
    }

    @Test
    void tiesCountAgainstTheTrueCaption() {
        RPrecision.Scores scores = RPrecision.compute(IMAGES, (q, r, c) -> 1f, 32, 2, 7);
        assertEquals(0.0, scores.top3());
    }

    @Test
    void captionsOfTheSameImageAreNeverDistractors() {
        // Scores every caption of the query's image above everything else: still a perfect top-1, because the
        // image's other captions are not in the pool.
        RPrecision.Scores scores = RPrecision.compute(IMAGES,
                (q, r, c) -> c == q ? 2f : IMAGES[c] == IMAGES[q] ? 3f : 0f, 32, 5, 7);
        assertEquals(1.0, scores.top1());
    }

    @Test
    void aTinySetUsesEveryOtherImagesCaption() {
        long[] tiny = images(3, 2);
        RPrecision.Scores scores = RPrecision.compute(tiny, (q, r, c) -> c == q ? 1f : 0f, 32, 3, 7);
        assertEquals(5, scores.poolSize(), "the true caption and the 4 captions of the other two images");
        assertEquals(1.0, scores.top1());
    }

    private static long[] images(int images, int captionsEach) {
        long[] ids = new long[images * captionsEach];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + i / captionsEach;
        }
        return ids;
    }
}
