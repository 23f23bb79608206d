package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads the project's real COCO files and prints what came out; skipped where the data is absent.
 *
 * <p>The expected counts were computed independently from the same files with Python's json module (persons with
 * more than 7 labelled keypoints; single-person images whose person has more than 7), so this also cross-checks
 * the streaming readers against a plain JSON load.
 */
class CocoRealDataTest {

    @Test
    void loadsTheRealDataAndPrintsTheSummary() throws IOException {
        Path dir = System.getProperty("text2pose.coco.dir") != null ? Path.of(System.getProperty("text2pose.coco.dir"))
                : CocoFiles.defaultDirectory();
        Assumptions.assumeTrue(Files.isDirectory(dir), "COCO data not found at " + dir + " - skipped");

        DataSummary summary = DataSummary.load(CocoFiles.in(dir));
        System.out.print(summary.format());

        assertEquals(116_021, summary.stage1().poses().size());
        assertEquals(149_813, summary.stage1().report().annotations());
        assertEquals(0, summary.stage1().report().badTotal());
        assertEquals(0, summary.heldOut().report().badTotal());
        assertEquals(704, summary.heldOut().samples().size());
        Map<DataSplit, Integer> images = summary.imagesPerSplit();
        Map<DataSplit, Integer> pairs = summary.pairsPerSplit();
        assertEquals(704, images.get(DataSplit.VALIDATION) + images.get(DataSplit.TEST));
        assertTrue(images.get(DataSplit.TEST) > 0.4 * 704 && images.get(DataSplit.VALIDATION) > 0.4 * 704,
                images::toString);
        if (Files.isRegularFile(dir.resolve("captions_train2017_partial.json.gz"))
                && !Files.exists(dir.resolve("captions_train2017.json"))
                && !Files.exists(dir.resolve("captions_train2017.json.gz"))) {
            // The data README's counts for the partial file: 9,446 of the 21,497 single-person images that pass
            // the paper's rule have captions (26,412 pairs); the other 12,051 are counted, not silently dropped.
            assertEquals(9_446, images.get(DataSplit.TRAIN));
            assertEquals(26_412, pairs.get(DataSplit.TRAIN));
            assertEquals(21_497 - 9_446, summary.train().report().badTotal());
        } else {
            assertEquals(0, summary.train().report().badTotal());
        }
    }
}
