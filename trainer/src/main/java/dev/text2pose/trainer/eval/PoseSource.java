package dev.text2pose.trainer.eval;

import java.util.List;

/**
 * One row of the evaluation: anything that answers a caption with poses. The real poses, the baselines and the
 * generators are all sources, so every metric is computed by one piece of code for all of them.
 *
 * <p>A source sees each query's embedding, image id and noise seed ({@link EvalQuery}); only the real-pose row
 * reads the ground truth. Its answer for a query must depend on that query and the draw index alone, never on the
 * other queries of the call, so that results do not change with batching or subsets. A source that ignores noise
 * (caption retrieval) returns the same pose for every draw. Sources are called once per run with every query, so
 * they can batch as they like.
 */
@FunctionalInterface
public interface PoseSource {

    /**
     * Poses for every query and draw, query-major: pose {@code q * draws + d} answers query {@code q} at draw
     * {@code d}.
     */
    PoseSet generate(List<EvalQuery> queries, int draws);
}
