package dev.text2pose.trainer.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The entry point of the data package: COCO files in, the paper's two datasets out.
 *
 * <p>Failures are classified for the caller: {@link IOException} means the file is missing or not JSON (fix the
 * path); {@link NoUsableDataException} means it was read but nothing in it passes the rules (wrong file, or
 * damaged beyond use). Anything less is counted in the dataset's {@link DataReport} and the load goes on.
 */
public final class CocoDatasets {

    private static final Logger LOG = LoggerFactory.getLogger(CocoDatasets.class);

    private CocoDatasets() {
    }

    /** Stage 1: every usable person with more than 7 labelled keypoints in {@code keypointFile}. */
    public static PoseDataset stage1(Path keypointFile) throws IOException {
        long start = System.nanoTime();
        PoseDataset dataset = DatasetBuilder.stage1(KeypointFileReader.read(keypointFile));
        log(dataset.report(), start);
        return dataset;
    }

    /** Stage 2: single-person images of {@code keypointFile} with their captions from {@code captionFile}. */
    public static CaptionedPoseDataset stage2(Path keypointFile, Path captionFile) throws IOException {
        long start = System.nanoTime();
        CaptionedPoseDataset dataset = DatasetBuilder.stage2(KeypointFileReader.read(keypointFile),
                CaptionFileReader.read(captionFile));
        log(dataset.report(), start);
        return dataset;
    }

    /**
     * Every image id that {@code keypointFile} or {@code captionFile} lists, whether or not it passes a rule: what
     * the trainer must never train on when these are the evaluation files.
     */
    public static Set<Long> listedImageIds(Path keypointFile, Path captionFile) throws IOException {
        Set<Long> ids = new HashSet<>();
        KeypointFileReader.read(keypointFile).images().forEach(i -> ids.add(i.id()));
        CaptionFileReader.read(captionFile).images().forEach(i -> ids.add(i.id()));
        return ids;
    }

    private static void log(DataReport report, long startNanos) {
        LOG.info("loaded {} in {} ms: {} samples, {} pairs, {} bad records", report.name(),
                (System.nanoTime() - startNanos) / 1_000_000, report.samples(), report.pairs(), report.badTotal());
        if (report.badTotal() > 0) {
            LOG.warn("bad data in {}:\n{}", report.name(), report.format());
        }
    }
}
