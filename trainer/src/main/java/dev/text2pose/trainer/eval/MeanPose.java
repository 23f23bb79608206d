package dev.text2pose.trainer.eval;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.data.FramePose;

import java.util.List;

/**
 * The constant mean-pose baseline: every caption and draw is answered with one pose, the mean training pose. Each
 * keypoint sits at its mean position over the training poses that have it, and is present when most training poses
 * have it (absent ones sit at the centre, as everywhere in the evaluation).
 *
 * <p>It follows no caption and has no diversity, yet it is a strong ground-truth-distance answer, because a pose
 * near the middle of everything is never far from anything. A generator that drifts to the average scores well on
 * that distance and badly on realism and caption match; this row makes that visible.
 */
public final class MeanPose implements PoseSource {

    private final PoseSet pose;

    /** @param trainingPoses the training split's poses; not empty */
    public MeanPose(PoseSet trainingPoses) {
        if (trainingPoses.size() == 0) {
            throw new IllegalArgumentException("no training poses to average");
        }
        this.pose = mean(trainingPoses);
    }

    /** The mean pose itself, one pose. */
    public PoseSet pose() {
        return pose;
    }

    @Override
    public PoseSet generate(List<EvalQuery> queries, int draws) {
        return pose.select(new int[queries.size() * draws]);
    }

    private static PoseSet mean(PoseSet poses) {
        int k = CocoKeypoints.COUNT;
        float[] x = new float[k];
        float[] y = new float[k];
        boolean[] present = new boolean[k];
        for (int keypoint = 0; keypoint < k; keypoint++) {
            double sumX = 0;
            double sumY = 0;
            int count = 0;
            for (int p = 0; p < poses.size(); p++) {
                if (poses.present(p, keypoint)) {
                    sumX += poses.x(p, keypoint);
                    sumY += poses.y(p, keypoint);
                    count++;
                }
            }
            present[keypoint] = 2 * count > poses.size();
            x[keypoint] = count == 0 ? FramePose.CENTRE : (float) (sumX / count);
            y[keypoint] = count == 0 ? FramePose.CENTRE : (float) (sumY / count);
        }
        return PoseSet.ofFramePoses(List.of(new FramePose(x, y, present)));
    }
}
