package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;

import java.nio.file.Path;

/**
 * Everything one evaluation run depends on, fixed before it starts; the {@code evaluate} command builds it from
 * its options and logs it.
 *
 * @param files           the evaluation COCO files and the files whose training split is the reference
 * @param split           which images of the evaluation files are evaluated
 * @param limitImages     evaluate only the first this many images of the split; 0 for all (quick looks, tests)
 * @param draws           noise draws per caption; the paper's 10
 * @param seed            the one seed every random choice derives from (noise, pools, samples, the judge)
 * @param output          folder for {@code metrics.json}, {@code report.md} and the figures
 * @param cacheDirectory  folder for caption embeddings and trained retrieval models, shared between runs
 * @param retrieval       the retrieval model's settings
 * @param command         the command line that started the run, quoted into the report
 */
public record EvaluationConfig(EvaluationDataLoader.DataFiles files, EvaluationSplit split, int limitImages,
                               int draws, long seed, Path output, Path cacheDirectory, RetrievalSettings retrieval,
                               String command) {

    /** The paper's noise draws per caption. */
    public static final int PAPER_DRAWS = 10;

    public EvaluationConfig {
        if (limitImages < 0 || draws < 1) {
            throw new IllegalArgumentException("need limitImages >= 0 and draws >= 1, got " + limitImages + ", "
                    + draws);
        }
    }
}
