package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CocoDatasets;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.DataSplit;
import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation on a few images of the project's real test split, selected by the training rules; skipped where the
 * data is absent. A fake text encoder keeps it fast (the real one would embed 26,000 training captions), so it checks
 * the selection and the plumbing on real poses, not the quality of any number.
 */
class EvaluationRealDataTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesTheFirstImagesOfTheRealTestSplit() throws IOException {
        Path coco = System.getProperty("text2pose.coco.dir") != null ? Path.of(System.getProperty("text2pose.coco.dir"))
                : CocoFiles.defaultDirectory();
        Assumptions.assumeTrue(Files.isDirectory(coco), "COCO data not found at " + coco + " - skipped");
        CocoFiles files = CocoFiles.in(coco);
        List<CaptionedPose> train = CocoDatasets.stage2(files.trainKeypoints(), files.trainCaptions()).samples();

        EvaluationConfig config = new EvaluationConfig(new EvaluationDataLoader.DataFiles(files.valKeypoints(),
                files.valCaptions(), files.trainKeypoints(), files.trainCaptions()), EvaluationSplit.TEST, 6, 3, 0, dir.resolve("out"), dir.resolve("cache"),
                RetrievalSettings.defaults().withEpochs(1), "test");
        EvaluationResult result;
        try (ModelBundle bundle = ModelBundle.loadDefault(OrtSessions.cpu())) {
            result = new Evaluation(config, EvalFixture.bagOfWords(), bundle, List.of()).run();
        }
        System.out.print(result.table());

        assertEquals(6, result.data().evalImages().size());
        assertTrue(result.data().evalImages().stream().allMatch(s -> DataSplit.heldOut(s.imageId()) == DataSplit.TEST));
        assertEquals(train.size(), result.data().trainImages().size(), "every train2017 single-person image is the reference");
        assertEquals(0, result.data().droppedTrainImages());
        assertEquals(0.0, result.row(EvaluationRows.REAL).metrics().groundTruthDistance().estimate());
        assertTrue(result.row(EvaluationRows.REAL).metrics().presentFraction().estimate() > 0.5);
        assertTrue(Files.isRegularFile(dir.resolve("out/report.md")));
    }
}
