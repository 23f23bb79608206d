package dev.text2pose.trainer.eval;

import java.util.List;

/**
 * The real-pose row: every draw of a query is its image's own pose. Its metrics are the floor the other rows are
 * measured against (see {@link RowEvaluator} for the ones that are replaced by a meaningful counterpart).
 */
public final class GroundTruthPoses implements PoseSource {

    private final PoseSet realPoses;

    /** @param realPoses the evaluation images' poses, indexed by {@link EvalQuery#imageIndex()} */
    public GroundTruthPoses(PoseSet realPoses) {
        this.realPoses = realPoses;
    }

    @Override
    public PoseSet generate(List<EvalQuery> queries, int draws) {
        int[] indices = new int[queries.size() * draws];
        for (int q = 0; q < queries.size(); q++) {
            for (int d = 0; d < draws; d++) {
                indices[q * draws + d] = queries.get(q).imageIndex();
            }
        }
        return realPoses.select(indices);
    }
}
