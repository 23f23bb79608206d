package dev.text2pose.trainer.eval;

import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.DataSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Tiny COCO files for evaluation tests, in the official layout: single-person images whose ids fall in the wanted
 * splits, each person one of three pose classes (arms down, arms out, arms up) with captions naming the class.
 */
public final class EvalFixture {

    private static final String[] CLASSES = {"standing with arms down", "holding arms out", "raising both arms"};

    /** The evaluation (val2017-like) keypoints file. */
    public final Path keypoints;
    /** Its captions file. */
    public final Path captions;
    /** The training (train2017-like) keypoints file. */
    public final Path trainKeypoints;
    /** Its captions file. */
    public final Path trainCaptions;

    private EvalFixture(Path keypoints, Path captions, Path trainKeypoints, Path trainCaptions) {
        this.keypoints = keypoints;
        this.captions = captions;
        this.trainKeypoints = trainKeypoints;
        this.trainCaptions = trainCaptions;
    }

    /**
     * Writes training files with {@code train} images (ids 1, 2, ...) and evaluation files with {@code test} images
     * whose ids fall in the test half and in no training file.
     */
    public static EvalFixture write(Path dir, int train, int test) throws IOException {
        List<Long> trainIds = new ArrayList<>();
        for (long id = 1; id <= train; id++) {
            trainIds.add(id);
        }
        List<Long> testIds = new ArrayList<>();
        for (long id = train + 1; testIds.size() < test; id++) {
            if (DataSplit.heldOut(id) == DataSplit.TEST) {
                testIds.add(id);
            }
        }
        Path[] trainFiles = writeFiles(dir, "train", trainIds);
        Path[] evalFiles = writeFiles(dir, "eval", testIds);
        return new EvalFixture(evalFiles[0], evalFiles[1], trainFiles[0], trainFiles[1]);
    }

    /**
     * Writes a COCO folder as {@code CocoFiles} finds it: train2017 files with {@code train} images and val2017
     * files with {@code heldOut} images of the held-out half {@code split}.
     */
    public static void writeCocoFolder(Path dir, int train, DataSplit split, int heldOut) throws IOException {
        List<Long> trainIds = new ArrayList<>();
        for (long id = 1; id <= train; id++) {
            trainIds.add(id);
        }
        List<Long> heldOutIds = new ArrayList<>();
        for (long id = train + 1; heldOutIds.size() < heldOut; id++) {
            if (DataSplit.heldOut(id) == split) {
                heldOutIds.add(id);
            }
        }
        writeFiles(dir, "train2017", trainIds);
        writeFiles(dir, "val2017", heldOutIds);
    }

    /** The files as an evaluation's data: the evaluation files against the training files. */
    public EvaluationDataLoader.DataFiles dataFiles() {
        return new EvaluationDataLoader.DataFiles(keypoints, captions, trainKeypoints, trainCaptions);
    }

    /** Writes a keypoints and a captions file of {@code ids}; returns them in that order. */
    private static Path[] writeFiles(Path dir, String name, List<Long> ids) throws IOException {
        StringJoiner images = new StringJoiner(", ");
        StringJoiner people = new StringJoiner(", ");
        StringJoiner texts = new StringJoiner(", ");
        for (long id : ids) {
            int k = (int) (id % CLASSES.length);
            images.add("{\"id\": " + id + ", \"width\": 200, \"height\": 300, \"file_name\": \"" + id + ".jpg\"}");
            people.add("{\"num_keypoints\": 17, \"iscrowd\": 0, \"keypoints\": " + keypoints(k, id)
                    + ", \"image_id\": " + id + ", \"bbox\": [50.0, 50.0, 100.0, 200.0], \"category_id\": 1, "
                    + "\"id\": " + id + "}");
            texts.add("{\"image_id\": " + id + ", \"id\": " + (3 * id) + ", \"caption\": \"A person " + CLASSES[k]
                    + ".\"}");
            texts.add("{\"image_id\": " + id + ", \"id\": " + (3 * id + 1) + ", \"caption\": \"Someone " + CLASSES[k]
                    + " in picture " + id + ".\"}");
        }
        Path keypoints = Files.writeString(dir.resolve("person_keypoints_" + name + ".json"), "{\"info\": {}, "
                + "\"images\": [" + images + "], \"annotations\": [" + people + "], \"categories\": "
                + "[{\"supercategory\": \"person\", \"id\": 1, \"name\": \"person\"}]}");
        Path captions = Files.writeString(dir.resolve("captions_" + name + ".json"), "{\"info\": {}, \"images\": ["
                + images + "], \"annotations\": [" + texts + "]}");
        return new Path[] {keypoints, captions};
    }

    /** A body of class {@code k} inside the bbox, with a little per-image jitter. */
    private static String keypoints(int k, long id) {
        SplittableRandom random = new SplittableRandom(id);
        double[][] body = {{100, 70}, {95, 65}, {105, 65}, {90, 70}, {110, 70}, {80, 100}, {120, 100},
                {0, 0}, {0, 0}, {0, 0}, {0, 0}, {85, 160}, {115, 160}, {85, 200}, {115, 200}, {85, 240}, {115, 240}};
        double[][][] arms = {
                {{75, 130}, {125, 130}, {75, 160}, {125, 160}},
                {{60, 100}, {140, 100}, {52, 100}, {148, 100}},
                {{75, 75}, {125, 75}, {75, 55}, {125, 55}}};
        System.arraycopy(arms[k], 0, body, 7, 4);
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (double[] point : body) {
            values.add(String.valueOf(point[0] + random.nextInt(-2, 3)))
                    .add(String.valueOf(point[1] + random.nextInt(-2, 3))).add("2");
        }
        return values.toString();
    }

    /**
     * A stand-in for MiniLM, under MiniLM's id so a bundle accepts it: a bag of words, each word a fixed random
     * direction, so captions sharing words are near each other. Never put it in a shared cache.
     */
    public static CaptionEmbedder bagOfWords() {
        EncoderFingerprint fake = new EncoderFingerprint(MiniLmEncoder.ID, EncoderFingerprint.sha256("bag of words"),
                EncoderFingerprint.sha256("split on non-alphanumerics"), MiniLmEncoder.MAX_TOKENS, "sum,l2");
        return CaptionEmbedder.of(fake, captions -> captions.stream().map(EvalFixture::bag)
                .toArray(float[][]::new));
    }

    private static float[] bag(String caption) {
        float[] vector = new float[MiniLmEncoder.DIMENSION];
        for (String word : caption.toLowerCase().split("[^a-z0-9]+")) {
            SplittableRandom random = new SplittableRandom(word.hashCode());
            for (int d = 0; d < vector.length; d++) {
                vector[d] += (float) random.nextDouble(-1, 1);
            }
        }
        return CaptionRetrieval.unit(vector);
    }
}
