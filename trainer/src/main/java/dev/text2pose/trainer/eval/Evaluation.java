package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.pose.SkeletonRenderer;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.eval.retrieval.CrossFittedJudge;
import dev.text2pose.trainer.eval.retrieval.RetrievalModelCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation run, top to bottom: data, the retrieval judge, every row, the figures, the reports.
 *
 * <p>Dependencies come in through the constructor (the text encoder, the open bundle, any extra rows), so a test
 * runs the whole thing with a fake encoder on tiny files, and the command line only parses options.
 */
public final class Evaluation {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private final EvaluationConfig config;
    private final CaptionEmbedder embedder;
    private final ModelBundle bundle;
    private final List<EvaluationRow> extraRows;

    /**
     * @param embedder  the text encoder the bundle was trained with
     * @param bundle    the conditional generator; the caller closes it
     * @param extraRows rows beyond the built-in ones, placed before the conditional generator: the extension
     *                  point for the regression baseline and the unconditional generator ({@link EvaluationRows})
     */
    public Evaluation(EvaluationConfig config, CaptionEmbedder embedder, ModelBundle bundle,
                      List<EvaluationRow> extraRows) {
        bundle.metadata().requireEncoder(bundle.name(), embedder.fingerprint());
        this.config = config;
        this.embedder = embedder;
        this.bundle = bundle;
        this.extraRows = List.copyOf(extraRows);
    }

    /** Runs the evaluation and writes {@code metrics.json}, {@code report.md} and the figures. */
    public EvaluationResult run() throws IOException {
        Map<String, Double> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        // 1. The split's images, the training reference, every caption's vector (cached on disk), and the other
        //    held-out split's poses for the FID floor.
        EmbeddingCache embeddings = new EmbeddingCache(config.cacheDirectory());
        EvaluationData data = new EvaluationDataLoader(embedder, embeddings)
                .load(config.files(), config.split(), config.limitImages(), config.seed());
        if (data.evalImages().size() < 2) {
            throw new IllegalArgumentException("the " + config.split().label() + " split holds "
                    + data.evalImages().size() + " image; caption match and FID need at least two");
        }
        PoseSet otherSplit = HeldOutCounterpart.poses(config.files(), config.split()).orElse(null);
        long mark = lap(timings, "data and caption embeddings", start);
        // 2. The retrieval judges, cross-fitted on the training split only (cached by data hash, settings, seed).
        CrossFittedJudge judge = CrossFittedJudge.loadOrTrain(new RetrievalModelCache(config.cacheDirectory()),
                data.trainImages(), data.trainCaptionEmbeddings(), data.trainCaptionPose(), embedder.fingerprint().key(),
                config.retrieval(), config.seed());
        mark = lap(timings, "retrieval model", mark);
        // 3. Every row, scored by the same code, on the same bootstrap resamples.
        BundleGenerator generator = new BundleGenerator(bundle);
        List<EvaluationRow> rows = EvaluationRows.of(data, generator, extraRows);
        RowEvaluator evaluator = new RowEvaluator(data, judge, config.draws(), config.seed(), config.resamples(),
                otherSplit);
        List<RowEvaluator.RowResult> results = new ArrayList<>();
        for (EvaluationRow row : rows) {
            results.add(evaluator.evaluate(row));
            LOG.info("row '{}' done in {} s", row.label(),
                    String.format("%.1f", results.get(results.size() - 1).metrics().seconds()));
        }
        mark = lap(timings, "rows", mark);
        // 4. Figures.
        Files.createDirectories(config.output());
        Map<String, String> figures = writeFigures(data, results, generator, embeddings);
        lap(timings, "figures", mark);
        timings.put("total", (System.nanoTime() - start) / 1e9);
        // 5. Reports.
        EvaluationResult result = new EvaluationResult(config, data, bundle.name(), bundle.metadata(),
                judge.files(), results,
                EvaluationRows.missing(rows), figures, timings);
        MetricsJson.write(result, config.output().resolve("metrics.json"));
        MarkdownReport.write(result, config.output().resolve("report.md"));
        LOG.info("wrote metrics.json, report.md and {} figures to {}", figures.size(), config.output());
        return result;
    }

    private Map<String, String> writeFigures(EvaluationData data, List<RowEvaluator.RowResult> results,
                                             BundleGenerator generator, EmbeddingCache embeddings) throws IOException {
        Map<String, String> figures = new LinkedHashMap<>();
        RowEvaluator.RowResult ours = results.stream()
                .filter(r -> r.row().kind() == EvaluationRow.Kind.GENERATOR && r.row().inFigures())
                .findFirst().orElseThrow();
        List<RowEvaluator.RowResult> shownBaselines = results.stream()
                .filter(r -> r.row().kind() == EvaluationRow.Kind.BASELINE && r.row().inFigures()).toList();
        write(new SampleGrid().render(data, ours, shownBaselines, config.draws()), "samples.png",
                "Evaluation captions: ground truth, generated samples, baseline answers", figures);
        InterpolationFigures strips = new InterpolationFigures(generator);
        List<String> pairCaptions = InterpolationFigures.PAPER_PAIRS.stream().flatMap(List::stream).toList();
        float[][] vectors = embeddings.embed(pairCaptions, embedder);
        List<float[][]> pairVectors = new ArrayList<>();
        for (int p = 0; p < InterpolationFigures.PAPER_PAIRS.size(); p++) {
            pairVectors.add(new float[][] {vectors[2 * p], vectors[2 * p + 1]});
        }
        write(strips.captionStrips(InterpolationFigures.PAPER_PAIRS, pairVectors, config.seed()),
                "interpolation-captions.png", "The paper's caption pairs, fixed noise, 5 steps", figures);
        write(strips.noiseStrip(pairCaptions.get(0), vectors[0], config.seed()), "interpolation-noise.png",
                "One caption, noise interpolated between two draws", figures);
        List<EvaluationRow> columns = new ArrayList<>(List.of(ours.row()));
        shownBaselines.forEach(r -> columns.add(r.row()));
        float[][] showcaseVectors = embeddings.embed(CaptionShowcase.CAPTIONS, embedder);
        write(new CaptionShowcase().render(showcaseVectors, config.seed(), columns), "showcase.png", "Five everyday captions, one noise draw: ours beside the baselines", figures);
        return figures;
    }

    private void write(BufferedImage image, String fileName, String caption,
                       Map<String, String> figures) {
        Path file = config.output().resolve(fileName);
        SkeletonRenderer.writePng(image, file);
        figures.put(caption, fileName);
    }

    private static long lap(Map<String, Double> timings, String stage, long since) {
        long now = System.nanoTime();
        timings.put(stage, (now - since) / 1e9);
        LOG.info("{}: {} s", stage, String.format("%.1f", (now - since) / 1e9));
        return now;
    }
}
