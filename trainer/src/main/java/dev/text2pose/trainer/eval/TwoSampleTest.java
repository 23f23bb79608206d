package dev.text2pose.trainer.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The 1-nearest-neighbour two-sample test (Lopez-Paz and Oquab, 2017), as the paper uses it for realism: pool two
 * sets of poses, classify each pose by the set of its nearest other pose (leave-one-out) under the paper's distance,
 * and report the accuracy.
 *
 * <p>Two samples of one distribution give about 0.5, the ideal; sets a classifier can tell apart give up to 1.0. A
 * set that copies the other exactly gives 0, because each pose's nearest neighbour is its twin from the other set:
 * a generator that memorised its reference set would show that, which is why generated poses are compared with
 * held-out real poses and never with the training set. The accuracy is only interpretable for sets of equal size,
 * so callers balance them. Ties go to the lower index of the pooled set, i.e. to {@code first}.
 *
 * <p>For bootstrap intervals over images, the sets are <em>paired</em>: pose {@code i} of each set belongs to unit
 * (image) {@code i}, and a resample holds unit {@code i} {@code weights[i]} times. A pose's copies are not its
 * neighbours (a copy at distance 0 would classify every resampled pose correctly), so a resample's accuracy is the
 * weighted accuracy of each pose against its nearest pose among the units the resample holds. Each pose's nearest
 * {@value #RANKED} others are ranked once, so a resample costs a short scan per pose instead of a new search.
 */
public final class TwoSampleTest {

    /** Neighbours ranked per pose; a resample misses all of them with probability about e^-64, then we search. */
    private static final int RANKED = 64;

    private final PoseSet pooled;
    private final int boundary;
    private final int[][] ranked;

    private TwoSampleTest(PoseSet pooled, int boundary, int[][] ranked) {
        this.pooled = pooled;
        this.boundary = boundary;
        this.ranked = ranked;
    }

    /**
     * Pools {@code first} and {@code second} and ranks every pose's nearest others.
     *
     * @throws IllegalArgumentException when the pooled set has fewer than two poses
     */
    public static TwoSampleTest of(PoseSet first, PoseSet second) {
        PoseSet pooled = PoseSet.concat(List.of(first, second));
        if (pooled.size() < 2) {
            throw new IllegalArgumentException("the 1-NN test needs at least two poses, got " + pooled.size());
        }
        int[][] ranked = new int[pooled.size()][];
        IntStream.range(0, pooled.size()).parallel().forEach(i -> ranked[i] = rank(pooled, i));
        return new TwoSampleTest(pooled, first.size(), ranked);
    }

    /** Leave-one-out 1-NN accuracy of telling {@code first} from {@code second}. */
    public static double accuracy(PoseSet first, PoseSet second) {
        return of(first, second).accuracy();
    }

    /** The accuracy over every pose once. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < ranked.length; i++) {
            correct += sameSet(i, ranked[i][0]) ? 1 : 0;
        }
        return (double) correct / ranked.length;
    }

    /**
     * The accuracy of a resample of paired sets: each pose of unit {@code u} counts {@code weights[u]} times and is
     * classified by its nearest pose of another unit or of the other set.
     *
     * @throws IllegalStateException when the sets are not of equal size, so not paired
     */
    public double accuracy(int[] weights) {
        if (2 * boundary != pooled.size()) {
            throw new IllegalStateException("resampling needs paired sets of equal size, got " + boundary + " and "
                    + (pooled.size() - boundary));
        }
        long correct = 0;
        long total = 0;
        for (int i = 0; i < ranked.length; i++) {
            int weight = weights[i % boundary];
            if (weight > 0) {
                int nearest = nearestHeld(i, weights);
                correct += sameSet(i, nearest) ? weight : 0;
                total += weight;
            }
        }
        return (double) correct / total;
    }

    private boolean sameSet(int i, int j) {
        return (i < boundary) == (j < boundary);
    }

    /** The nearest pose to {@code i} whose unit has weight, by rank, else by a full search; -1 when none. */
    private int nearestHeld(int i, int[] weights) {
        for (int j : ranked[i]) {
            if (weights[j % boundary] > 0) {
                return j;
            }
        }
        int best = -1;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int j = 0; j < pooled.size(); j++) {
            if (j != i && weights[j % boundary] > 0) {
                float d = PoseDistance.between(pooled, i, pooled, j);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
        }
        return best;
    }

    /** The up to {@value #RANKED} nearest poses to pose {@code i}, nearest first, ties to the lower index. */
    private static int[] rank(PoseSet pooled, int i) {
        long[] keys = new long[pooled.size() - 1];
        for (int j = 0, k = 0; j < pooled.size(); j++) {
            if (j != i) {
                // A non-negative float's bits order as the float does, so (distance, index) sorts as one long.
                keys[k++] = (long) Float.floatToIntBits(PoseDistance.between(pooled, i, pooled, j)) << 32 | j;
            }
        }
        Arrays.sort(keys);
        int[] nearest = new int[Math.min(RANKED, keys.length)];
        for (int k = 0; k < nearest.length; k++) {
            nearest[k] = (int) keys[k];
        }
        return nearest;
    }
}
