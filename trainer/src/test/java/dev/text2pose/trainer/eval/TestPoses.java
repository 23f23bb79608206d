package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.FramePose;

import java.util.Arrays;
import java.util.List;

/** Hand-made poses with known distances between them. */
final class TestPoses {

    /** A standing figure, every keypoint labelled: keypoint i at (20 + i, 10 + 2i). */
    static FramePose figure(float dx, float dy) {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        for (int i = 0; i < 17; i++) {
            x[i] = 20 + i + dx;
            y[i] = 10 + 2 * i + dy;
            labelled[i] = true;
        }
        return new FramePose(x, y, labelled);
    }

    /** A pose with every keypoint at (x, y), the first {@code labelled} labelled and the rest not. */
    static FramePose uniform(float x, float y, int labelled) {
        float[] xs = new float[17];
        float[] ys = new float[17];
        boolean[] on = new boolean[17];
        Arrays.fill(xs, x);
        Arrays.fill(ys, y);
        for (int i = 0; i < labelled; i++) {
            on[i] = true;
        }
        return new FramePose(xs, ys, on);
    }

    static PoseSet set(FramePose... poses) {
        return PoseSet.ofFramePoses(List.of(poses));
    }

    private TestPoses() {
    }
}
