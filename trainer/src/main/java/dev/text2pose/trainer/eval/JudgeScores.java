package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.retrieval.CrossFittedJudge;
import dev.text2pose.trainer.eval.retrieval.TextPoseRetrievalModel;
import dev.text2pose.trainer.eval.stats.EmbeddingMoments;
import dev.text2pose.trainer.eval.stats.FrechetDistance;
import dev.text2pose.trainer.eval.stats.Gaussian;
import dev.text2pose.trainer.eval.stats.ImageBootstrap;
import dev.text2pose.trainer.eval.stats.ImageSums;
import dev.text2pose.trainer.eval.stats.Interval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What the cross-fitted retrieval judges say about a row's poses: R-precision, and FID in their pose-embedding
 * space, each with its bootstrap interval over images.
 *
 * <p>R-precision scores each pose by the judge that did not see the fold of its nearest training pose (see {@link
 * CrossFittedJudge}). FID follows PoseScript: the Fréchet distance between Gaussians fitted to the judge's
 * embeddings of the row's poses (every caption and draw) and of the evaluated real poses. An embedding space is one
 * judge's, so FID is computed in each judge's space and the two are averaged; each judge saw only half the training
 * poses, so rows that answer with training poses are treated alike in both. Its floor is the FID between the real
 * poses of the two held-out splits (validation against test), which is the real-pose row's FID.
 */
final class JudgeScores {

    private final CrossFittedJudge judge;
    private final EvaluationData data;
    private final int draws;
    private final long seed;
    private final ImageBootstrap bootstrap;
    private final float[][] captionEmbeddings;
    /** Per judge, per resample (index 0 the estimate, {@code b + 1} resample b): the real poses' Gaussian. */
    private final FrechetDistance.Reference[][] realReferences;
    private final Double floor;

    /**
     * @param otherSplitPoses the other held-out split's real poses, for the FID floor; null when there is none
     */
    JudgeScores(EvaluationData data, CrossFittedJudge judge, int draws, long seed, ImageBootstrap bootstrap,
                PoseSet otherSplitPoses) {
        this.judge = judge;
        this.data = data;
        this.draws = draws;
        this.seed = seed;
        this.bootstrap = bootstrap;
        float[][] captions = data.queries().stream().map(EvalQuery::embedding).toArray(float[][]::new);
        int[] imageOfReal = new int[data.evalPoses().size()];
        Arrays.setAll(imageOfReal, i -> i);
        this.captionEmbeddings = new float[CrossFittedJudge.FOLDS][];
        this.realReferences = new FrechetDistance.Reference[CrossFittedJudge.FOLDS][];
        double floorSum = 0;
        for (int j = 0; j < CrossFittedJudge.FOLDS; j++) {
            TextPoseRetrievalModel model = judge.judge(j);
            captionEmbeddings[j] = model.embedCaptions(captions);
            EmbeddingMoments real = EmbeddingMoments.of(model.embedPoses(data.evalPoses()), model.dimension(),
                    imageOfReal);
            realReferences[j] = IntStream.rangeClosed(ImageBootstrap.ESTIMATE, bootstrap.resamples() - 1).parallel()
                    .mapToObj(b -> FrechetDistance.Reference.of(real.gaussian(bootstrap.weights(b))))
                    .toArray(FrechetDistance.Reference[]::new);
            if (otherSplitPoses != null) {
                floorSum += realReferences[j][0].distanceTo(Gaussian.fit(model.embedPoses(otherSplitPoses),
                        otherSplitPoses.size(), model.dimension()));
            }
        }
        this.floor = otherSplitPoses == null ? null : floorSum / CrossFittedJudge.FOLDS;
    }

    /** The FID between the real poses of the evaluated split and of the other held-out split; null without one. */
    Double fidFloor() {
        return floor;
    }

    /**
     * Scores a row.
     *
     * @param poses           the row's poses, query-major with {@code draws} per query
     * @param nearestTraining per pose, the index of its nearest training pose
     * @param imageOfPose     per pose, its caption's image
     * @param real            whether the row is the real poses, whose FID is the floor (no interval)
     */
    Result score(PoseSet poses, int[] nearestTraining, int[] imageOfPose, boolean real) {
        float[][] poseEmbeddings = new float[CrossFittedJudge.FOLDS][];
        EmbeddingMoments[] moments = new EmbeddingMoments[CrossFittedJudge.FOLDS];
        for (int j = 0; j < CrossFittedJudge.FOLDS; j++) {
            poseEmbeddings[j] = judge.judge(j).embedPoses(poses);
            moments[j] = EmbeddingMoments.of(poseEmbeddings[j], judge.judge(j).dimension(), imageOfPose);
        }
        RPrecision.Scores scores = rPrecision(poseEmbeddings, nearestTraining);
        int[] imageOfQuery = data.queries().stream().mapToInt(EvalQuery::imageIndex).toArray();
        Interval top3 = bootstrap.interval(ImageSums.of(scores.top3ByQuery(), imageOfQuery, data.evalPoses().size()))
                .within(0, 1);
        Interval fid = real ? (floor == null ? null : new Interval(floor, Double.NaN, Double.NaN, Double.NaN))
                : bootstrap.interval((resample, weights) -> fid(moments, resample, weights))
                .within(0, Double.POSITIVE_INFINITY);
        return new Result(scores, top3, fid);
    }

    /** The mean over the judges of the FID of a resample (or of the estimate) of a row's embeddings. */
    private double fid(EmbeddingMoments[] moments, int resample, int[] weights) {
        double sum = 0;
        for (int j = 0; j < CrossFittedJudge.FOLDS; j++) {
            sum += realReferences[j][resample + 1].distanceTo(moments[j].gaussian(weights));
        }
        return sum / CrossFittedJudge.FOLDS;
    }

    /** R-precision, each pose scored by the judge that did not see its nearest training pose's fold. */
    private RPrecision.Scores rPrecision(float[][] poseEmbeddings, int[] nearestTraining) {
        int dimension = judge.judge(0).dimension();
        RPrecision.Scorer scorer = (query, repetition, caption) -> {
            int pose = query * draws + repetition % draws;
            int j = judge.judgeFor(nearestTraining[pose]);
            float dot = 0f;
            for (int k = 0; k < dimension; k++) {
                dot += poseEmbeddings[j][pose * dimension + k] * captionEmbeddings[j][caption * dimension + k];
            }
            return dot;
        };
        return RPrecision.compute(data.queryImageIds(), scorer, RPrecision.POOL_SIZE, RPrecision.REPETITIONS, seed);
    }

    /**
     * A row's judged numbers.
     *
     * @param rPrecision its R-precision
     * @param top3       R@3 with its interval
     * @param fid        FID with its interval; the floor without one on the real row; null on the real row when
     *                   there is no other split
     */
    record Result(RPrecision.Scores rPrecision, Interval top3, Interval fid) {
    }
}
