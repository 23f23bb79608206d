package dev.text2pose.trainer.eval;

import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The paper's pose distance and the nearest-neighbour search built on it.
 *
 * <p>The distance between two poses is the sum over the 17 keypoints of the Euclidean distance between them, in
 * pixels of the 64 frame, with absent keypoints at (32, 32) in either pose ({@link PoseSet} has already put them
 * there). It is a metric, so a pose is at distance 0 from itself and a pose shifted by (dx, dy) is at
 * {@code 17 * hypot(dx, dy)} from the original (when all keypoints are present).
 *
 * <p>The search is exhaustive, because sets here are thousands of poses, not millions; it runs queries in parallel
 * and abandons a candidate as soon as its partial sum reaches the best so far, which skips most of the square roots
 * once a close neighbour has been found. Ties go to the lowest reference index, so results are deterministic.
 */
public final class PoseDistance {

    /** The reference index returned when a query has no candidate (an empty reference set). */
    public static final int NONE = -1;

    private PoseDistance() {
    }

    /** Distance between pose {@code i} of {@code a} and pose {@code j} of {@code b}. */
    public static float between(PoseSet a, int i, PoseSet b, int j) {
        return bounded(a.coordinates(), i * PoseSet.FLOATS_PER_POSE, b.coordinates(), j * PoseSet.FLOATS_PER_POSE,
                Float.POSITIVE_INFINITY);
    }

    /** The nearest pose of {@code references} to each pose of {@code queries}. */
    public static Neighbours nearest(PoseSet queries, PoseSet references) {
        return nearest(queries, references, query -> NONE);
    }

    /**
     * The nearest pose of {@code references} to each pose of {@code queries}, never choosing
     * {@code excluded.applyAsInt(query)} for a query: leave-one-out search of a set against itself passes the
     * identity, and a realism floor passes the query's own image.
     */
    public static Neighbours nearest(PoseSet queries, PoseSet references, IntUnaryOperator excluded) {
        int[] index = new int[queries.size()];
        float[] distance = new float[queries.size()];
        float[] q = queries.coordinates();
        float[] r = references.coordinates();
        IntStream.range(0, queries.size()).parallel().forEach(query -> {
            int skip = excluded.applyAsInt(query);
            int best = NONE;
            float bestDistance = Float.POSITIVE_INFINITY;
            for (int ref = 0; ref < references.size(); ref++) {
                if (ref == skip) {
                    continue;
                }
                float d = bounded(q, query * PoseSet.FLOATS_PER_POSE, r, ref * PoseSet.FLOATS_PER_POSE, bestDistance);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = ref;
                }
            }
            index[query] = best;
            distance[query] = bestDistance;
        });
        return new Neighbours(index, distance);
    }

    /** The distance, or any value {@code >= bound} as soon as the partial sum reaches {@code bound}. */
    private static float bounded(float[] a, int aOffset, float[] b, int bOffset, float bound) {
        float sum = 0f;
        for (int f = 0; f < PoseSet.FLOATS_PER_POSE; f += 2) {
            float dx = a[aOffset + f] - b[bOffset + f];
            float dy = a[aOffset + f + 1] - b[bOffset + f + 1];
            sum += (float) Math.sqrt(dx * dx + dy * dy);
            if (sum >= bound) {
                return sum;
            }
        }
        return sum;
    }

    /**
     * The result of a search.
     *
     * @param index    per query, the index of its nearest reference, or {@link #NONE}
     * @param distance per query, the distance to it (infinite with {@link #NONE})
     */
    public record Neighbours(int[] index, float[] distance) {

        /** The mean distance over all queries, in double. */
        public double meanDistance() {
            double sum = 0;
            for (float d : distance) {
                sum += d;
            }
            return distance.length == 0 ? Double.NaN : sum / distance.length;
        }
    }
}
