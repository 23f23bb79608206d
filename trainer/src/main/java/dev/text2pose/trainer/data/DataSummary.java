package dev.text2pose.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the datasets from a COCO directory and says what came out: counts, split sizes, bad data, load time.
 *
 * <p>A quick check that the data is where and what the trainer expects, before any training starts. Run with
 * {@code java ... DataSummary [directory]}; without an argument it uses the system property
 * {@code text2pose.coco.dir}, else {@link CocoFiles#defaultDirectory}.
 *
 * @param stage1     the unconditional dataset (train2017 persons)
 * @param train      the conditional training dataset (train2017 single-person images with captions)
 * @param heldOut    the conditional held-out dataset (val2017 single-person images with captions)
 * @param stage1Time time to read and build stage 1
 * @param stage2Time time to read and build both conditional datasets
 */
public record DataSummary(PoseDataset stage1, CaptionedPoseDataset train, CaptionedPoseDataset heldOut,
                          Duration stage1Time, Duration stage2Time) {

    /** Loads the datasets from {@code files}, timing each stage. */
    public static DataSummary load(CocoFiles files) throws IOException {
        long start = System.nanoTime();
        PoseDataset stage1 = CocoDatasets.stage1(files.trainKeypoints());
        long middle = System.nanoTime();
        CaptionedPoseDataset train = CocoDatasets.stage2(files.trainKeypoints(), files.trainCaptions());
        CaptionedPoseDataset heldOut = CocoDatasets.stage2(files.valKeypoints(), files.valCaptions());
        long end = System.nanoTime();
        return new DataSummary(stage1, train, heldOut, Duration.ofNanos(middle - start),
                Duration.ofNanos(end - middle));
    }

    /** The conditional samples of {@code split}: the whole training dataset, or a held-out part. */
    public List<CaptionedPose> samples(DataSplit split) {
        return split == DataSplit.TRAIN ? train.samples() : heldOut.heldOut(split);
    }

    /** Conditional images per split. */
    public Map<DataSplit, Integer> imagesPerSplit() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        for (DataSplit split : DataSplit.values()) {
            counts.put(split, samples(split).size());
        }
        return counts;
    }

    /** Conditional (pose, caption) pairs per split. */
    public Map<DataSplit, Integer> pairsPerSplit() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        for (DataSplit split : DataSplit.values()) {
            counts.put(split, samples(split).stream().mapToInt(s -> s.captions().size()).sum());
        }
        return counts;
    }

    /** The summary as printed by {@link #main}. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("stage 1: %,d persons, loaded in %d ms, hash %s%n", stage1.poses().size(),
                stage1Time.toMillis(), stage1.hash()));
        s.append(String.format("stage 2: train %,d images, %,d pairs, hash %s; held out %,d images, %,d pairs, "
                        + "hash %s; loaded in %d ms%n", train.samples().size(), train.pairCount(), train.hash(),
                heldOut.samples().size(), heldOut.pairCount(), heldOut.hash(), stage2Time.toMillis()));
        Map<DataSplit, Integer> pairs = pairsPerSplit();
        imagesPerSplit().forEach((split, images) -> s.append(String.format("  %-10s %,6d images, %,6d pairs%n",
                split, images, pairs.get(split))));
        return s.append(stage1.report().format()).append(train.report().format())
                .append(heldOut.report().format()).toString();
    }

    /** Prints the summary of the directory given as the only argument, or of the default directory. */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0])
                : System.getProperty("text2pose.coco.dir") != null ? Path.of(System.getProperty("text2pose.coco.dir"))
                : CocoFiles.defaultDirectory();
        System.out.print(load(CocoFiles.in(directory)).format());
    }
}
