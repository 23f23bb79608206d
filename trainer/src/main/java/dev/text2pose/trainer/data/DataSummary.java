package dev.text2pose.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Loads both datasets from a COCO directory and says what came out: counts, split sizes, bad data, load time.
 *
 * <p>A quick check that the data is where and what the trainer expects, before any training starts. Run with
 * {@code java ... DataSummary [directory]}; without an argument it uses the system property
 * {@code text2pose.coco.dir}, else {@link CocoFiles#defaultDirectory}.
 *
 * @param stage1       the unconditional dataset
 * @param stage2       the conditional dataset
 * @param stage1Time   time to read and build stage 1
 * @param stage2Time   time to read and build stage 2
 */
public record DataSummary(PoseDataset stage1, CaptionedPoseDataset stage2, Duration stage1Time,
                          Duration stage2Time) {

    /** Loads both datasets from {@code files}, timing each. */
    public static DataSummary load(CocoFiles files) throws IOException {
        long start = System.nanoTime();
        PoseDataset stage1 = CocoDatasets.stage1(files.trainKeypoints());
        long middle = System.nanoTime();
        CaptionedPoseDataset stage2 = CocoDatasets.stage2(files.valKeypoints(), files.valCaptions());
        long end = System.nanoTime();
        return new DataSummary(stage1, stage2, Duration.ofNanos(middle - start), Duration.ofNanos(end - middle));
    }

    /** Stage-2 images per split. */
    public Map<DataSplit, Integer> imagesPerSplit() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        for (DataSplit split : DataSplit.values()) {
            counts.put(split, stage2.split(split).size());
        }
        return counts;
    }

    /** Stage-2 (pose, caption) pairs per split. */
    public Map<DataSplit, Integer> pairsPerSplit() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        for (DataSplit split : DataSplit.values()) {
            counts.put(split, stage2.split(split).stream().mapToInt(s -> s.captions().size()).sum());
        }
        return counts;
    }

    /** The summary as printed by {@link #main}. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("stage 1: %,d persons, loaded in %d ms, hash %s%n", stage1.poses().size(),
                stage1Time.toMillis(), stage1.hash()));
        s.append(String.format("stage 2: %,d images, %,d pairs, loaded in %d ms, hash %s%n", stage2.samples().size(),
                stage2.pairCount(), stage2Time.toMillis(), stage2.hash()));
        Map<DataSplit, Integer> pairs = pairsPerSplit();
        imagesPerSplit().forEach((split, images) -> s.append(String.format("  %-10s %,6d images, %,6d pairs%n",
                split, images, pairs.get(split))));
        return s.append(stage1.report().format()).append(stage2.report().format()).toString();
    }

    /** Prints the summary of the directory given as the only argument, or of the default directory. */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0])
                : System.getProperty("text2pose.coco.dir") != null ? Path.of(System.getProperty("text2pose.coco.dir"))
                : CocoFiles.defaultDirectory(Path.of("").toAbsolutePath());
        System.out.print(load(CocoFiles.in(directory)).format());
    }
}
