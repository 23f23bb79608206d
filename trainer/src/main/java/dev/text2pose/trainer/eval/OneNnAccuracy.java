package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.stats.ImageBootstrap;
import dev.text2pose.trainer.eval.stats.Interval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A row's 1-NN two-sample accuracy against the evaluated real poses ({@link TwoSampleTest}), with its bootstrap
 * interval over images.
 *
 * <p>The test compares the evaluated images' poses (one per image) with as many of the row's poses: in repetition
 * {@code r}, image {@code i} contributes its caption {@code r mod captions} at draw {@code r mod draws}. The test is
 * repeated once per draw and averaged, so every draw counts and both sets stay the same size; a resample reweights
 * the images in every repetition alike.
 *
 * <p>The real-pose row's counterpart, its floor, compares the evaluated poses with an equally large random sample
 * of training poses (two real samples: about 0.5); there, training pose {@code u} is paired with the evaluated image
 * it was drawn beside, so resampling images resamples those pairs.
 */
final class OneNnAccuracy {

    private final EvaluationData data;
    private final int draws;
    private final long seed;
    private final ImageBootstrap bootstrap;

    OneNnAccuracy(EvaluationData data, int draws, long seed, ImageBootstrap bootstrap) {
        this.data = data;
        this.draws = draws;
        this.seed = seed;
        this.bootstrap = bootstrap;
    }

    /** The accuracy of telling a row's {@code poses} (query-major, {@code draws} per query) from the real ones. */
    Interval of(PoseSet poses) {
        int[][] queriesOfImage = data.queriesOfImage();
        TwoSampleTest[] tests = new TwoSampleTest[draws];
        for (int r = 0; r < draws; r++) {
            int[] picks = new int[queriesOfImage.length];
            for (int i = 0; i < picks.length; i++) {
                int[] own = queriesOfImage[i];
                picks[i] = own[r % own.length] * draws + r;
            }
            tests[r] = TwoSampleTest.of(poses.select(picks), data.evalPoses());
        }
        return bootstrap.interval((resample, weights) -> Arrays.stream(tests).mapToDouble(t -> t.accuracy(weights))
                .average().orElseThrow()).within(0, 1);
    }

    /** The real-pose row's floor: the evaluated poses against as many random training poses. */
    Interval realFloor() {
        int size = Math.min(data.evalPoses().size(), data.trainPoses().size());
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_f100_7000_0001L);
        TwoSampleTest[] tests = new TwoSampleTest[draws];
        int[][] imageOfUnit = new int[draws][];
        for (int r = 0; r < draws; r++) {
            imageOfUnit[r] = sample(data.evalPoses().size(), size, random);
            PoseSet training = data.trainPoses().select(sample(data.trainPoses().size(), size, random));
            tests[r] = TwoSampleTest.of(training, data.evalPoses().select(imageOfUnit[r]));
        }
        return bootstrap.interval((resample, weights) -> {
            double sum = 0;
            for (int r = 0; r < draws; r++) {
                int[] unitWeights = new int[size];
                for (int u = 0; u < size; u++) {
                    unitWeights[u] = weights[imageOfUnit[r][u]];
                }
                sum += tests[r].accuracy(unitWeights);
            }
            return sum / draws;
        }).within(0, 1);
    }

    /** {@code count} distinct indices of {@code 0..n-1}, by a partial Fisher-Yates shuffle. */
    private static int[] sample(int n, int count, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, count);
    }
}
