package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;
import dev.text2pose.trainer.eval.stats.Interval;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.export.HeatmapGeneratorExport;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.TextScaling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole evaluation on tiny fixture files, with a fake text encoder and the service's default bundle. */
class EvaluationTest {

    private static final int DRAWS = 4;
    /** Enough to check the intervals' plumbing; the statistics are tested on their own in {@code eval.stats}. */
    private static final int RESAMPLES = 100;
    private static ModelBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void openBundle() {
        bundle = ModelBundle.loadDefault(OrtSessions.cpu());
    }

    @AfterAll
    static void closeBundle() {
        bundle.close();
    }

    @Test
    void writesMetricsReportAndFiguresWithEveryRow() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 12, 5);
        EvaluationResult result = run(files, EvaluationSplit.TEST, List.of());

        assertEquals(5, result.data().evalImages().size());
        assertEquals(10, result.data().queries().size());
        assertEquals(12, result.data().trainImages().size());
        assertEquals(List.of("real", "random_training_pose", "mean_pose", "caption_retrieval", "conditional"),
                result.rows().stream().map(r -> r.row().key()).toList());
        RowMetrics real = result.row(EvaluationRows.REAL).metrics();
        assertEquals(Interval.exact(0), real.groundTruthDistance());
        assertNull(real.nearestIsGroundTruth());
        assertNull(real.diversity());
        assertNull(real.fid(), "the fixture has no validation images, so there is no FID floor");
        assertEquals(1.0, real.presentFraction().estimate(), "every fixture keypoint is labelled");
        assertTrue(real.captionMatch().estimate() > 0, "real poses match their own image best: the ceiling");
        RowMetrics random = result.row(EvaluationRows.RANDOM).metrics();
        assertEquals(0.0, random.nearestTrainDistance().estimate(), "it answers with training poses");
        assertEquals(0.0, random.captionSensitivity(), "same noise seed, same pick, whatever the caption");
        RowMetrics mean = result.row(EvaluationRows.MEAN).metrics();
        assertEquals(0.0, mean.diversity());
        assertEquals(0.0, mean.captionSensitivity());
        assertEquals(0.0, mean.captionMatch().estimate(), 1e-9, "a constant pose matches no caption");
        RowMetrics retrieval = result.row(EvaluationRows.RETRIEVAL).metrics();
        assertEquals(0.0, retrieval.diversity(), "retrieval ignores noise");
        assertTrue(retrieval.captionSensitivity() > 0, "but not the caption");
        assertTrue(retrieval.groundTruthDistance().estimate() < random.groundTruthDistance().estimate(),
                "captions name the pose class, so retrieval finds poses of the right class");
        assertTrue(retrieval.captionMatch().estimate() > 0);
        RowMetrics ours = result.row(EvaluationRows.CONDITIONAL).metrics();
        assertTrue(ours.diversity() > 0, "the generator takes noise");
        for (RowEvaluator.RowResult row : result.rows()) {
            RowMetrics m = row.metrics();
            for (Interval interval : List.of(m.groundTruthDistance(), m.nearestTrainDistance(), m.oneNnAccuracy(),
                    m.captionMatch(), m.presentFraction(), m.top3())) {
                assertTrue(interval.low() <= interval.high(), row.row().key() + " " + interval);
            }
            assertEquals(row.row().kind() != EvaluationRow.Kind.REAL, m.fid() != null, row.row().key());
        }
        assertEquals(14, result.targets().size());
        assertEquals(Targets.Status.NOT_EVALUATED, result.targets().stream()
                .filter(t -> t.goal().contains("regression")).findFirst().orElseThrow().status());
        assertEquals(List.of(EvaluationRows.REGRESSION, EvaluationRows.UNCONDITIONAL), result.missingRows());

        Path out = dir.resolve("out");
        String json = Files.readString(out.resolve("metrics.json"));
        assertTrue(json.contains("\"key\" : \"caption_retrieval\"")
                && json.contains("\"nearest_is_ground_truth\" : null"), json);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains(result.table()) && report.contains("evaluate --test-command"), report);
        assertTrue(report.contains(result.intervalTable()) && report.contains("## Targets")
                && report.contains("| left_knee |") && report.contains("R@3 ceiling"), report);
        assertTrue(json.contains("\"intervals\"") && json.contains("\"targets\"")
                && json.contains("\"present_by_keypoint\""), json);
        assertTrue(report.contains("![") && report.contains("regression baseline"));
        for (String figure : result.figures().values()) {
            BufferedImage image = ImageIO.read(out.resolve(figure).toFile());
            assertNotNull(image, figure);
        }
        BufferedImage grid = ImageIO.read(out.resolve("samples.png").toFile());
        assertEquals((1 + 4 + 1) * SampleGrid.CELL, grid.getWidth(), "truth, 4 draws, retrieval");
    }

    @Test
    void anExtraRowTakesItsPlaceBeforeTheGeneratorAndInTheFigures() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 12, 5);
        PoseSource constant = (queries, draws) -> {
            int[] zeros = new int[queries.size() * draws];
            return TestPoses.set(TestPoses.figure(0, 0)).select(zeros);
        };
        EvaluationRow regression = new EvaluationRow(EvaluationRows.REGRESSION, "regression", constant,
                EvaluationRow.Kind.BASELINE, true);
        EvaluationResult result = run(files, EvaluationSplit.TEST, List.of(regression));

        assertEquals(List.of("real", "random_training_pose", "mean_pose", "caption_retrieval", "regression",
                        "conditional"),
                result.rows().stream().map(r -> r.row().key()).toList());
        assertEquals(0.0, result.row(EvaluationRows.REGRESSION).metrics().diversity());
        assertEquals(List.of(EvaluationRows.UNCONDITIONAL), result.missingRows());
        BufferedImage grid = ImageIO.read(dir.resolve("out/samples.png").toFile());
        assertEquals((1 + 4 + 2) * SampleGrid.CELL, grid.getWidth(), "truth, 4 draws, retrieval, regression");
    }

    @Test
    void aRowThatAnswersTheWrongNumberOfPosesIsNamed() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 12, 5);
        EvaluationRow broken = new EvaluationRow("broken", "broken", (queries, draws) -> TestPoses.set(),
                EvaluationRow.Kind.BASELINE, false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(files, EvaluationSplit.TEST, List.of(broken)));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }

    @Test
    void theAllSplitNeedsTrainingImagesThatAreNotEvaluated() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 6, 2);
        EvaluationDataLoader.DataFiles sameFiles = new EvaluationDataLoader.DataFiles(files.trainKeypoints,
                files.trainCaptions, files.trainKeypoints, files.trainCaptions);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(sameFiles, EvaluationSplit.ALL, List.of()));
        assertTrue(e.getMessage().contains("--train-keypoints"), e.getMessage());
    }

    @Test
    void anotherFileRunsWholeAgainstTheTrainingFilesWithoutTheirOverlap() throws IOException {
        EvalFixture training = EvalFixture.write(dir, 12, 5);
        Path other = Files.createDirectories(dir.resolve("other"));
        EvalFixture unseen = EvalFixture.write(other, 3, 2);
        EvaluationConfig config = new EvaluationConfig(new EvaluationDataLoader.DataFiles(unseen.trainKeypoints,
                unseen.trainCaptions, training.trainKeypoints, training.trainCaptions), EvaluationSplit.ALL, 0, DRAWS,
                3, dir.resolve("out"), dir.resolve("cache"), RetrievalSettings.defaults().withEpochs(2), "test",
                RESAMPLES);
        EvaluationResult result = new Evaluation(config, EvalFixture.bagOfWords(), bundle, List.of()).run();

        assertEquals(3, result.data().evalImages().size(), "every image of the file");
        assertEquals(3, result.data().droppedTrainImages(), "its 3 ids are also in the training files");
        assertEquals(9, result.data().trainImages().size());
    }

    @Test
    void refusesABundleTrainedOnAnotherEncodersVectorsNamingBoth() throws IOException {
        EncoderFingerprint other = new EncoderFingerprint(MiniLmEncoder.ID, EncoderFingerprint.sha256("other model"),
                EncoderFingerprint.sha256("other tokenizer"), MiniLmEncoder.MAX_TOKENS, MiniLmEncoder.POOLING);
        Path file = dir.resolve("other.onnx");
        HeatmapGenerator generator = HeatmapGenerator.conditional(1);
        generator.eval();
        new OnnxExporter().export(new HeatmapGeneratorExport(generator, HeatmapRange.ZERO_TO_ONE),
                BundleDescription.untrained(other, TextScaling.DEFAULT_EMBEDDING_SCALE, 1, "test"), file);
        EvalFixture files = EvalFixture.write(dir, 4, 2);
        EvaluationConfig config = new EvaluationConfig(files.dataFiles(), EvaluationSplit.TEST, 0, DRAWS, 3,
                dir.resolve("out"), dir.resolve("cache"), RetrievalSettings.defaults().withEpochs(2), "test",
                RESAMPLES);
        try (ModelBundle otherBundle = ModelBundle.load(file, OrtSessions.cpu())) {
            CaptionEmbedder embedder = EvalFixture.bagOfWords();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Evaluation(config, embedder, otherBundle, List.of()));
            assertTrue(e.getMessage().contains(other.onnxSha256())
                    && e.getMessage().contains(embedder.fingerprint().onnxSha256()), e.getMessage());
        }
    }

    private EvaluationResult run(EvalFixture files, EvaluationSplit split, List<EvaluationRow> extra)
            throws IOException {
        return run(files.dataFiles(), split, extra);
    }

    private EvaluationResult run(EvaluationDataLoader.DataFiles files, EvaluationSplit split,
                                 List<EvaluationRow> extra) throws IOException {
        EvaluationConfig config = new EvaluationConfig(files, split, 0, DRAWS, 3, dir.resolve("out"), dir.resolve("cache"),
                RetrievalSettings.defaults().withEpochs(2), "text2pose-trainer evaluate --test-command", RESAMPLES);
        return new Evaluation(config, EvalFixture.bagOfWords(), bundle, extra).run();
    }
}
