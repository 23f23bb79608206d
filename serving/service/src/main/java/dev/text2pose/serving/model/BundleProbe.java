package dev.text2pose.serving.model;

import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.model.PoseRequest;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;

import java.util.List;

/**
 * The check a new bundle must pass before it serves: it answers a probe caption, plain and interpolated, with poses of
 * the right shape whose every value is a finite number in [0, 1]. Loading already checked the graph's contract; this
 * catches what only running shows (NaN weights, a runtime kernel failure).
 */
public final class BundleProbe {

    static final String PROBE_CAPTION = "a man swinging a tennis racket";
    static final String PROBE_TARGET = "a man standing on a beach";

    private BundleProbe() {
    }

    /** @throws IllegalStateException naming what the model got wrong */
    public static void check(ServingModel model) {
        List<GeneratedPoses> answers = model.generator().generate(List.of(
                PoseRequest.of(PROBE_CAPTION, 2, 1L),
                PoseRequest.interpolation(PROBE_CAPTION, PROBE_TARGET, 3, 1, 2L)));
        if (answers.size() != 2) {
            throw new IllegalStateException("probe: expected 2 answers, got " + answers.size());
        }
        checkShape(answers.get(0), 2, 1);
        checkShape(answers.get(1), 1, 3);
    }

    private static void checkShape(GeneratedPoses poses, int samples, int frames) {
        if (poses.samples().size() != samples) {
            throw new IllegalStateException("probe: expected " + samples + " samples, got " + poses.samples().size());
        }
        for (List<Pose> sample : poses.samples()) {
            if (sample.size() != frames) {
                throw new IllegalStateException("probe: expected " + frames + " frames, got " + sample.size());
            }
            sample.forEach(BundleProbe::checkValues);
        }
    }

    private static void checkValues(Pose pose) {
        for (Keypoint k : pose.keypoints()) {
            if (!(unit(k.x()) && unit(k.y()) && unit(k.confidence()))) {
                throw new IllegalStateException("probe: keypoint out of [0, 1] or not a number: " + k);
            }
        }
    }

    private static boolean unit(float value) {
        return value >= 0f && value <= 1f;
    }
}
