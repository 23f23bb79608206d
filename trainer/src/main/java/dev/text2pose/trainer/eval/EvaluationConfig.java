package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;
import dev.text2pose.trainer.eval.stats.ImageBootstrap;

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
 * @param resamples       bootstrap resamples of the evaluated images behind every 95% interval
 */
public record EvaluationConfig(EvaluationDataLoader.DataFiles files, EvaluationSplit split, int limitImages,
                               int draws, long seed, Path output, Path cacheDirectory, RetrievalSettings retrieval,
                               String command, int resamples) {

    /** The paper's noise draws per caption. */
    public static final int PAPER_DRAWS = 10;

    public EvaluationConfig {
        if (limitImages < 0 || limitImages == 1 || draws < 1 || resamples < 1) {
            throw new IllegalArgumentException("need limitImages 0 or >= 2 (caption match and FID compare images), "
                    + "draws >= 1 and resamples >= 1, got " + limitImages + ", " + draws + ", " + resamples);
        }
    }

    /** A config with {@link ImageBootstrap#DEFAULT_RESAMPLES} resamples. */
    public EvaluationConfig(EvaluationDataLoader.DataFiles files, EvaluationSplit split, int limitImages, int draws,
                            long seed, Path output, Path cacheDirectory, RetrievalSettings retrieval, String command) {
        this(files, split, limitImages, draws, seed, output, cacheDirectory, retrieval, command,
                ImageBootstrap.DEFAULT_RESAMPLES);
    }
}
