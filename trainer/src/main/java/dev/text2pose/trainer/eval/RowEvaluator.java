package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.retrieval.CrossFittedJudge;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes every metric of a row from its poses, the same way for every row.
 *
 * <p>The 1-NN two-sample test compares the evaluation images' poses (one per image) with as many generated poses:
 * in repetition {@code r}, image {@code i} contributes its caption {@code r mod captions} at draw {@code r mod
 * draws}. The test is repeated once per draw and averaged, so every draw counts and both sets stay the same size.
 *
 * <p>On the {@link EvaluationRow.Kind#REAL} row, comparing the ground truth with itself would be trivially perfect,
 * so three metrics change meaning to the real-data floor the other rows should be read against: the nearest
 * evaluation pose leaves the query's own image out (how far apart real poses of different images are), the 1-NN
 * test compares the evaluation poses with an equally large random sample of training poses (two real samples: about
 * 0.5), and "nearest is ground truth" and diversity are null. Its distance to the training set and its R-precision
 * are what real poses score, the floor and the ceiling.
 */
public final class RowEvaluator {

    private final EvaluationData data;
    private final CrossFittedJudge judge;
    private final float[][] captionEmbeddingsPerJudge;
    private final int draws;
    private final long seed;

    /**
     * @param judge the trained retrieval models
     * @param draws noise draws per caption
     * @param seed  the run seed: R-precision pools and the real row's training sample derive from it
     */
    public RowEvaluator(EvaluationData data, CrossFittedJudge judge, int draws, long seed) {
        this.data = data;
        this.judge = judge;
        this.draws = draws;
        this.seed = seed;
        float[][] captions = data.queries().stream().map(EvalQuery::embedding).toArray(float[][]::new);
        this.captionEmbeddingsPerJudge = new float[CrossFittedJudge.FOLDS][];
        for (int j = 0; j < CrossFittedJudge.FOLDS; j++) {
            captionEmbeddingsPerJudge[j] = judge.judge(j).embedCaptions(captions);
        }
    }

    /** Generates the row's poses and scores them. */
    public RowResult evaluate(EvaluationRow row) {
        long start = System.nanoTime();
        List<EvalQuery> queries = data.queries();
        PoseSet poses = row.source().generate(queries, draws);
        if (poses.size() != queries.size() * draws) {
            throw new IllegalStateException("row " + row.key() + " returned " + poses.size() + " poses for "
                    + queries.size() + " captions x " + draws + " draws");
        }
        boolean real = row.kind() == EvaluationRow.Kind.REAL;
        PoseDistance.Neighbours nearestEval = real
                ? PoseDistance.nearest(poses, data.evalPoses(), i -> imageOf(i))
                : PoseDistance.nearest(poses, data.evalPoses());
        PoseDistance.Neighbours nearestTrain = PoseDistance.nearest(poses, data.trainPoses());
        RowMetrics metrics = new RowMetrics(
                groundTruthDistance(poses),
                nearestEval.meanDistance(),
                nearestTrain.meanDistance(),
                real ? null : nearestIsGroundTruth(nearestEval),
                real ? realFloorOneNn() : oneNn(poses),
                real || draws < 2 ? null : diversity(poses),
                poses.presentFraction(),
                rPrecision(poses, nearestTrain.index()),
                (System.nanoTime() - start) / 1e9);
        return new RowResult(row, poses, metrics);
    }

    private int imageOf(int pose) {
        return data.queries().get(pose / draws).imageIndex();
    }

    private double groundTruthDistance(PoseSet poses) {
        double sum = 0;
        for (int i = 0; i < poses.size(); i++) {
            sum += PoseDistance.between(poses, i, data.evalPoses(), imageOf(i));
        }
        return sum / poses.size();
    }

    private double nearestIsGroundTruth(PoseDistance.Neighbours nearest) {
        int hits = 0;
        for (int i = 0; i < nearest.index().length; i++) {
            hits += nearest.index()[i] == imageOf(i) ? 1 : 0;
        }
        return (double) hits / nearest.index().length;
    }

    private double oneNn(PoseSet poses) {
        int[][] queriesOfImage = data.queriesOfImage();
        double sum = 0;
        for (int r = 0; r < draws; r++) {
            int[] picks = new int[queriesOfImage.length];
            for (int i = 0; i < picks.length; i++) {
                int[] own = queriesOfImage[i];
                picks[i] = own[r % own.length] * draws + r;
            }
            sum += TwoSampleTest.accuracy(poses.select(picks), data.evalPoses());
        }
        return sum / draws;
    }

    private double realFloorOneNn() {
        int size = Math.min(data.evalPoses().size(), data.trainPoses().size());
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_f100_7000_0001L);
        double sum = 0;
        for (int r = 0; r < draws; r++) {
            PoseSet held = data.evalPoses().select(sample(data.evalPoses().size(), size, random));
            PoseSet training = data.trainPoses().select(sample(data.trainPoses().size(), size, random));
            sum += TwoSampleTest.accuracy(training, held);
        }
        return sum / draws;
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

    private double diversity(PoseSet poses) {
        double sum = 0;
        int pairs = 0;
        for (int q = 0; q < data.queries().size(); q++) {
            for (int d = 0; d < draws; d++) {
                for (int e = d + 1; e < draws; e++) {
                    sum += PoseDistance.between(poses, q * draws + d, poses, q * draws + e);
                    pairs++;
                }
            }
        }
        return sum / pairs;
    }

    /** R-precision, each pose scored by the judge that did not see its nearest training pose's fold. */
    private RPrecision.Scores rPrecision(PoseSet poses, int[] nearestTraining) {
        float[][] poseEmbeddings = new float[CrossFittedJudge.FOLDS][];
        for (int j = 0; j < CrossFittedJudge.FOLDS; j++) {
            poseEmbeddings[j] = judge.judge(j).embedPoses(poses);
        }
        int dimension = judge.judge(0).dimension();
        RPrecision.Scorer scorer = (query, repetition, caption) -> {
            int pose = query * draws + repetition % draws;
            int j = judge.judgeFor(nearestTraining[pose]);
            float dot = 0f;
            for (int k = 0; k < dimension; k++) {
                dot += poseEmbeddings[j][pose * dimension + k] * captionEmbeddingsPerJudge[j][caption * dimension + k];
            }
            return dot;
        };
        return RPrecision.compute(data.queryImageIds(), scorer, RPrecision.POOL_SIZE, RPrecision.REPETITIONS, seed);
    }

    /**
     * A scored row.
     *
     * @param row     the row
     * @param poses   its poses, query-major with {@code draws} per query, for the figures
     * @param metrics its numbers
     */
    public record RowResult(EvaluationRow row, PoseSet poses, RowMetrics metrics) {
    }
}
