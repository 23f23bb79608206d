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
                : CocoFiles.defaultDirectory(Path.of("").toAbsolutePath());
        Assumptions.assumeTrue(Files.isDirectory(dir), "COCO data not found at " + dir + " - skipped");

        DataSummary summary = DataSummary.load(CocoFiles.in(dir));
        System.out.print(summary.format());

        assertEquals(116_021, summary.stage1().poses().size());
        assertEquals(149_813, summary.stage1().report().annotations());
        assertEquals(704, summary.stage2().samples().size());
        assertEquals(0, summary.stage1().report().badTotal());
        assertEquals(0, summary.stage2().report().badTotal());
        Map<DataSplit, Integer> images = summary.imagesPerSplit();
        assertEquals(704, images.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(images.get(DataSplit.TRAIN) > 0.7 * 704 && images.get(DataSplit.TEST) > 0.05 * 704,
                images::toString);
    }
}
