package dev.text2pose.trainer.eval;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The "ignore the caption" baseline: each draw is a training pose picked uniformly at random. It is perfectly
 * realistic and follows no caption, so a generator must beat it on ground-truth distance to show that it reads the
 * text at all, and should roughly match it on the realism metrics.
 *
 * <p>The pick of draw {@code d} is the {@code (d+1)}-th draw of a {@link SplittableRandom} seeded with the query's
 * noise seed, so it is reproducible and independent of the other queries.
 */
public final class RandomTrainingPose implements PoseSource {

    private final PoseSet trainingPoses;

    /** @param trainingPoses the training split's poses, one per image; not empty */
    public RandomTrainingPose(PoseSet trainingPoses) {
        if (trainingPoses.size() == 0) {
            throw new IllegalArgumentException("no training poses to pick from");
        }
        this.trainingPoses = trainingPoses;
    }

    @Override
    public PoseSet generate(List<EvalQuery> queries, int draws) {
        int[] indices = new int[queries.size() * draws];
        for (int q = 0; q < queries.size(); q++) {
            SplittableRandom random = new SplittableRandom(queries.get(q).noiseSeed());
            for (int d = 0; d < draws; d++) {
                indices[q * draws + d] = random.nextInt(trainingPoses.size());
            }
        }
        return trainingPoses.select(indices);
    }
}
