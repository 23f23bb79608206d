package dev.text2pose.trainer.train;

import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-made training data: person-like poses around a standing template, and random unit caption vectors. */
final class TrainFixtures {

    /** A standing person in the 64 frame, COCO order: head, shoulders, elbows, wrists, hips, knees, ankles. */
    private static final float[][] TEMPLATE = {
            {32, 8}, {30, 6}, {34, 6}, {28, 7}, {36, 7}, {24, 16}, {40, 16}, {22, 26}, {42, 26}, {21, 35},
            {43, 35}, {27, 36}, {37, 36}, {27, 48}, {37, 48}, {27, 60}, {37, 60}};

    private TrainFixtures() {
    }

    /** {@code n} jittered template poses; about one keypoint in ten unlabelled. */
    static List<FramePose> poses(int n, long seed) {
        Random random = new Random(seed);
        List<FramePose> poses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] x = new float[PaperSpec.KEYPOINTS];
            float[] y = new float[PaperSpec.KEYPOINTS];
            boolean[] labelled = new boolean[PaperSpec.KEYPOINTS];
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                x[k] = TEMPLATE[k][0] + (float) random.nextGaussian() * 2f;
                y[k] = TEMPLATE[k][1] + (float) random.nextGaussian() * 2f;
                labelled[k] = random.nextDouble() > 0.1;
            }
            poses.add(new FramePose(x, y, labelled));
        }
        return poses;
    }

    /** The made-up encoder of {@link #conditional}'s vectors. */
    static final EncoderFingerprint FIXTURE_ENCODER = new EncoderFingerprint("fixture/unit-rows",
            EncoderFingerprint.sha256("random unit rows"), EncoderFingerprint.sha256("no tokenizer"), 1, "none");

    static TrainingData unconditional(int n) {
        return TrainingData.unconditional("fixture poses", poses(n, 1), "fixture-hash-uncond-0000");
    }

    /** {@code n} samples with two captions each and {@code dim}-long unit vectors. */
    static TrainingData conditional(int n, int dim) {
        Random random = new Random(2);
        List<List<String>> captions = new ArrayList<>();
        List<float[][]> embeddings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            captions.add(List.of("person " + i + " stands", "someone number " + i));
            float[] rows = TensorArrays.unitRows(random, 2, dim);
            embeddings.add(new float[][] {java.util.Arrays.copyOfRange(rows, 0, dim),
                    java.util.Arrays.copyOfRange(rows, dim, 2 * dim)});
        }
        return new TrainingData("fixture captioned poses", poses(n, 3), captions, embeddings, FIXTURE_ENCODER,
                "fixture-hash-cond-00000000");
    }
}
