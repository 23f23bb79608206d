package dev.text2pose.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Caption sensitivity: the mean distance between the poses a row gives two different captions under the same noise.
 * Read against the row's diversity (two noise draws of the same caption): a generator that follows the words moves
 * more when the caption changes than when the noise does.
 *
 * <p>Each query is paired with a caption of another image, drawn once per run from the seed; the pair's poses come
 * from a second call of the row's source with the partner captions under the query's own noise seed, for the
 * first {@value #DRAWS} draws (a source's draw {@code d} depends on the query and {@code d} alone). A row that
 * ignores the caption (the unconditional generator, the random training pose, which picks by noise seed) scores 0;
 * caption retrieval, which ignores noise, scores the distance between its answers to the two captions.
 */
public final class CaptionSensitivity {

    /**
     * Draws compared per query: a mean over thousands of caption pairs needs no more, and it keeps the second
     * generation to a fifth of the row's own at the paper's 10 draws.
     */
    public static final int DRAWS = 2;

    private final List<EvalQuery> partners;

    /**
     * @param queries the evaluated captions, from at least two images
     * @param seed    the run seed the partners derive from
     */
    public CaptionSensitivity(List<EvalQuery> queries, long seed) {
        this.partners = partners(queries, new SplittableRandom(seed ^ 0x5e45_17e0_0000_0001L));
    }

    /**
     * The mean distance between {@code poses} (the row's answers to the queries, {@code draws} per query) and the
     * row's answers to each query's partner caption under the same noise, over the first {@value #DRAWS} draws.
     */
    public double measure(PoseSource source, PoseSet poses, int draws) {
        int compared = Math.min(draws, DRAWS);
        PoseSet moved = source.generate(partners, compared);
        double sum = 0;
        for (int q = 0; q < partners.size(); q++) {
            for (int d = 0; d < compared; d++) {
                sum += PoseDistance.between(poses, q * draws + d, moved, q * compared + d);
            }
        }
        return sum / (partners.size() * compared);
    }

    /** Per query, a caption of another image carrying the query's noise seed. */
    private static List<EvalQuery> partners(List<EvalQuery> queries, SplittableRandom random) {
        if (queries.stream().map(EvalQuery::imageId).distinct().count() < 2) {
            throw new IllegalArgumentException("caption sensitivity needs captions of two images");
        }
        List<EvalQuery> partners = new ArrayList<>(queries.size());
        for (EvalQuery query : queries) {
            EvalQuery other;
            do {
                other = queries.get(random.nextInt(queries.size()));
            } while (other.imageId() == query.imageId());
            partners.add(new EvalQuery(other.imageId(), other.imageIndex(), other.captionOrdinal(), other.caption(),
                    other.embedding(), query.noiseSeed()));
        }
        return partners;
    }
}
