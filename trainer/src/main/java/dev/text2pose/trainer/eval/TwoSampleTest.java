package dev.text2pose.trainer.eval;

import java.util.List;

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
 */
public final class TwoSampleTest {

    private TwoSampleTest() {
    }

    /**
     * Leave-one-out 1-NN accuracy of telling {@code first} from {@code second}.
     *
     * @throws IllegalArgumentException when the pooled set has fewer than two poses
     */
    public static double accuracy(PoseSet first, PoseSet second) {
        PoseSet pooled = PoseSet.concat(List.of(first, second));
        if (pooled.size() < 2) {
            throw new IllegalArgumentException("the 1-NN test needs at least two poses, got " + pooled.size());
        }
        int boundary = first.size();
        int[] nearest = PoseDistance.nearest(pooled, pooled, i -> i).index();
        int correct = 0;
        for (int i = 0; i < nearest.length; i++) {
            correct += (i < boundary) == (nearest[i] < boundary) ? 1 : 0;
        }
        return (double) correct / nearest.length;
    }
}
