package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.FramePose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A toy retrieval task: {@value #CLASSES} pose classes, told apart by height in the frame (which the training
 * flip and small rotation keep), each with its own caption direction in an 8-d "embedding" space.
 */
final class SyntheticPairs {

    static final int CLASSES = 3;
    static final int DIMENSION = 8;

    final List<CaptionedPose> images = new ArrayList<>();
    final List<float[]> captions = new ArrayList<>();
    final List<Integer> captionPose = new ArrayList<>();

    SyntheticPairs(int imagesPerClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < imagesPerClass * CLASSES; i++) {
            int k = i % CLASSES;
            images.add(new CaptionedPose(i + 1, pose(k, random), List.of("class " + k + " a", "class " + k + " b")));
            for (int c = 0; c < 2; c++) {
                captions.add(caption(k, random));
                captionPose.add(i);
            }
        }
    }

    static FramePose pose(int k, SplittableRandom random) {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        for (int i = 0; i < 17; i++) {
            x[i] = 20 + i + (float) random.nextDouble(-1, 1);
            y[i] = 5 + 1.5f * i + 12 * k + (float) random.nextDouble(-1, 1);
            labelled[i] = true;
        }
        return new FramePose(x, y, labelled);
    }

    static float[] caption(int k, SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (d == k ? 1f : 0f) + (float) random.nextDouble(-0.1, 0.1);
        }
        return v;
    }

    List<FramePose> poses() {
        return images.stream().map(CaptionedPose::pose).toList();
    }

    float[][] captionArray() {
        return captions.toArray(float[][]::new);
    }

    int[] captionPoseArray() {
        return captionPose.stream().mapToInt(Integer::intValue).toArray();
    }
}
