package dev.text2pose.trainer.eval;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.eval.retrieval.CrossFittedJudge;
import dev.text2pose.trainer.eval.stats.ImageBootstrap;
import dev.text2pose.trainer.eval.stats.ImageSums;
import dev.text2pose.trainer.eval.stats.Interval;

import java.util.List;

/**
 * Computes every metric of a row from its poses, the same way for every row, each headline number with its 95%
 * bootstrap interval over the evaluated images (the same resamples for every row).
 *
 * <p>On the {@link EvaluationRow.Kind#REAL} row, comparing the ground truth with itself would be trivially perfect,
 * so some metrics change meaning to the real-data floor the other rows should be read against: the nearest
 * evaluation pose leaves the query's own image out (how far apart real poses of different images are), the 1-NN
 * test compares the evaluation poses with an equally large random sample of training poses (two real samples: about
 * 0.5), FID is the validation-against-test floor, and "nearest is ground truth" and diversity are null. Its distance
 * to the training set, its R-precision and its caption match are what real poses score, the floor and the ceilings.
 */
public final class RowEvaluator {

    private final EvaluationData data;
    private final int draws;
    private final int[] imageOfPose;
    private final ImageBootstrap bootstrap;
    private final JudgeScores judgeScores;
    private final OneNnAccuracy oneNn;
    private final CaptionSensitivity sensitivity;

    /**
     * @param judge           the trained retrieval models
     * @param draws           noise draws per caption
     * @param seed            the run seed: R-precision pools, resamples and the real row's samples derive from it
     * @param resamples       bootstrap resamples per interval
     * @param otherSplitPoses the other held-out split's real poses, for the FID floor; null when there is none
     */
    public RowEvaluator(EvaluationData data, CrossFittedJudge judge, int draws, long seed, int resamples,
                        PoseSet otherSplitPoses) {
        this.data = data;
        this.draws = draws;
        this.imageOfPose = new int[data.queries().size() * draws];
        for (int p = 0; p < imageOfPose.length; p++) {
            imageOfPose[p] = data.queries().get(p / draws).imageIndex();
        }
        this.bootstrap = new ImageBootstrap(data.evalImages().size(), resamples, seed ^ 0xb007_5742_0000_0001L);
        this.judgeScores = new JudgeScores(data, judge, draws, seed, bootstrap, otherSplitPoses);
        this.oneNn = new OneNnAccuracy(data, draws, seed, bootstrap);
        this.sensitivity = new CaptionSensitivity(data.queries(), seed);
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
                ? PoseDistance.nearest(poses, data.evalPoses(), i -> imageOfPose[i])
                : PoseDistance.nearest(poses, data.evalPoses());
        PoseDistance.Neighbours nearestTrain = PoseDistance.nearest(poses, data.trainPoses());
        JudgeScores.Result judged = judgeScores.score(poses, nearestTrain.index(), imageOfPose, real);
        RowMetrics metrics = new RowMetrics(
                perPose(groundTruthDistances(poses)),
                nearestEval.meanDistance(),
                perPose(toDoubles(nearestTrain.distance())),
                real ? null : nearestIsGroundTruth(nearestEval),
                real ? oneNn.realFloor() : oneNn.of(poses),
                real || draws < 2 ? null : diversity(poses),
                sensitivity.measure(row.source(), poses, draws),
                bootstrap.interval(CaptionMatch.perImage(poses, imageOfPose, data.evalPoses())),
                perPose(presentFractions(poses)).within(0, 1),
                poses.presentFractionByKeypoint(),
                judged.rPrecision(), judged.top3(), judged.fid(),
                (System.nanoTime() - start) / 1e9);
        return new RowResult(row, poses, metrics);
    }

    /** The bootstrap interval of a per-pose metric's mean, every caption and draw counting once. */
    private Interval perPose(double[] values) {
        return bootstrap.interval(ImageSums.of(values, imageOfPose, data.evalPoses().size()));
    }

    private double[] groundTruthDistances(PoseSet poses) {
        double[] distances = new double[poses.size()];
        for (int i = 0; i < poses.size(); i++) {
            distances[i] = PoseDistance.between(poses, i, data.evalPoses(), imageOfPose[i]);
        }
        return distances;
    }

    private static double[] presentFractions(PoseSet poses) {
        double[] fractions = new double[poses.size()];
        for (int i = 0; i < poses.size(); i++) {
            fractions[i] = (double) poses.presentCount(i) / CocoKeypoints.COUNT;
        }
        return fractions;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private double nearestIsGroundTruth(PoseDistance.Neighbours nearest) {
        int hits = 0;
        for (int i = 0; i < nearest.index().length; i++) {
            hits += nearest.index()[i] == imageOfPose[i] ? 1 : 0;
        }
        return (double) hits / nearest.index().length;
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
