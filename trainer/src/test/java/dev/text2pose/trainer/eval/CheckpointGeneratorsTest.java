package dev.text2pose.trainer.eval;

import dev.text2pose.model.NoiseSampler;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.SmokeCheckpoints;
import dev.text2pose.trainer.train.TrainedGenerators;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.text2pose.trainer.eval.PoseSetAssertions.assertClose;
import static dev.text2pose.trainer.eval.PoseSetAssertions.assertDiffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two rows that come from training checkpoints, on two-step smoke runs. */
@SuppressWarnings("try") // NoGradGuard works by its extent
class CheckpointGeneratorsTest {

    private static final int TEXT_DIM = 8;

    @TempDir
    static Path dir;

    private static Path mlpRun;
    private static Path uncondRun;

    @BeforeAll
    static void trainSmokeRuns() {
        mlpRun = SmokeCheckpoints.mlp(dir.resolve("mlp"), TEXT_DIM);
        // [-1,1] and an EMA: the source must take the range from the run and prefer the EMA weights.
        uncondRun = SmokeCheckpoints.unconditional(dir.resolve("uncond"),
                Map.of("heatmapRange", "[-1,1]", "emaDecay", "0.5"));
    }

    /**
     * A query's draws depend on its caption and noise seed alone, not on the queries beside it nor on where the
     * chunks of {@link CheckpointGenerator#ROWS_PER_CALL} rows cut. Within rounding, not bit for bit: libtorch's
     * kernels, and so the last bits, change with the batch shape and the CPU ({@link PoseSetAssertions} says why a
     * real mix-up still fails).
     */
    @Test
    void regressionAnswersEveryDrawDeterministicallyAndIndependentlyOfTheOtherQueries() {
        RegressionBaseline regression = RegressionBaseline.load(mlpRun);
        List<EvalQuery> queries = queries(3, 1);
        int draws = 100; // 300 rows: more than one chunk, so a query's draws straddle two forward passes
        PoseSet all = regression.generate(queries, draws);
        assertEquals(queries.size() * draws, all.size());
        assertClose(all, RegressionBaseline.load(Checkpoint.in(mlpRun)).generate(queries, draws), "same seeds");
        PoseSet alone = regression.generate(List.of(queries.get(2)), draws);
        assertClose(alone, all.select(IntStream.range(2 * draws, 3 * draws).toArray()), "alone and in a batch");
        assertDiffer(alone, all.select(IntStream.range(draws, 2 * draws).toArray()), "another query");
        assertDiffer(all.select(new int[] {0}), all.select(new int[] {1}), "draws differ");
    }

    @Test
    void regressionScalesTheCaptionAsTrainingDid() {
        List<EvalQuery> queries = queries(2, 2);
        int draws = 3;
        float scale = Checkpoint.read(Checkpoint.in(mlpRun)).config().embeddingScale();
        assertTrue(scale != 1f, "a scale of 1 would not tell scaled from raw");
        MlpGenerator generator = TrainedGenerators.mlp(Checkpoint.in(mlpRun), true);
        float[] noise = new float[queries.size() * draws * PaperSpec.NOISE_DIM];
        float[] text = new float[queries.size() * draws * TEXT_DIM];
        for (int q = 0; q < queries.size(); q++) {
            float[][] z = new NoiseSampler(PaperSpec.NOISE_DIM).samples(queries.get(q).noiseSeed(), draws);
            for (int d = 0; d < draws; d++) {
                int row = q * draws + d;
                System.arraycopy(z[d], 0, noise, row * PaperSpec.NOISE_DIM, PaperSpec.NOISE_DIM);
                for (int i = 0; i < TEXT_DIM; i++) {
                    text[row * TEXT_DIM + i] = queries.get(q).embedding()[i] * scale; // as training's Batches
                }
            }
        }
        PoseSet expected;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            int rows = queries.size() * draws;
            expected = PoseSet.ofKeypoints(MlpPoses.keypoints(generator.forward(Tensor.create(noise, rows,
                    PaperSpec.NOISE_DIM), Tensor.create(text, rows, TEXT_DIM))), MlpPoses.VISIBILITY_THRESHOLD);
        }
        assertClose(expected, RegressionBaseline.load(mlpRun).generate(queries, draws), "scaled as training did");
    }

    @Test
    void regressionReadsTheCaption() {
        RegressionBaseline regression = RegressionBaseline.load(mlpRun);
        List<EvalQuery> queries = queries(2, 3);
        EvalQuery otherCaption = withEmbedding(queries.get(1), queries.get(0).embedding());
        assertDiffer(regression.generate(List.of(queries.get(1)), 4),
                regression.generate(List.of(otherCaption), 4), "same noise, another caption");
    }

    @Test
    void unconditionalIgnoresTheCaptionAndVariesWithTheNoise() {
        UnconditionalGenerator unconditional = UnconditionalGenerator.load(uncondRun);
        List<EvalQuery> queries = queries(2, 4);
        int draws = 3;
        PoseSet poses = unconditional.generate(queries, draws);
        assertEquals(queries.size() * draws, poses.size());
        assertClose(poses, unconditional.generate(queries, draws), "same seeds");
        List<EvalQuery> otherCaptions = List.of(withEmbedding(queries.get(0), new float[] {1, 0}),
                withEmbedding(queries.get(1), new float[384]));
        assertClose(poses, unconditional.generate(otherCaptions, draws), "the embedding is ignored");
        assertDiffer(poses.select(new int[] {0}), poses.select(new int[] {1}), "draws differ");
        assertDiffer(poses.select(new int[] {0}), poses.select(new int[] {draws}), "queries' noise differs");
    }

    @Test
    void unconditionalDecodesEachChannelAtItsMaximumWithTheRunsRange() {
        List<EvalQuery> queries = queries(1, 5);
        int draws = 2;
        PoseSet poses = UnconditionalGenerator.load(uncondRun).generate(queries, draws);
        HeatmapGenerator ema = TrainedGenerators.heatmap(Checkpoint.in(uncondRun), true);
        float[][] z = new NoiseSampler(PaperSpec.NOISE_DIM).samples(queries.get(0).noiseSeed(), draws);
        float[] heatmaps;
        try (NoGradGuard noGrad = new NoGradGuard()) {
            heatmaps = TensorArrays.values(ema.forward(Tensor.create(concat(z), draws, PaperSpec.NOISE_DIM)));
        }
        int side = PaperSpec.HEATMAP_SIZE;
        int plane = side * side;
        for (int d = 0; d < draws; d++) {
            for (int k = 0; k < PaperSpec.KEYPOINTS; k++) {
                int offset = (d * PaperSpec.KEYPOINTS + k) * plane;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < plane; i++) {
                    max = Math.max(max, heatmaps[offset + i]);
                }
                boolean present = max * 0.5f + 0.5f > PaperSpec.PRESENCE_THRESHOLD; // the run's [-1,1] range
                assertEquals(present, poses.present(d, k), "draw " + d + " keypoint " + k);
                if (present) {
                    int column = Math.round(poses.x(d, k));
                    int row = Math.round(poses.y(d, k));
                    assertEquals(max, heatmaps[offset + row * side + column], "draw " + d + " keypoint " + k);
                }
            }
        }
    }

    @Test
    void aCheckpointOfTheWrongKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RegressionBaseline.load(uncondRun));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnconditionalGenerator.load(mlpRun));
        assertTrue(e.getMessage().contains("stage-1"), e.getMessage());
        IllegalArgumentException wrongDim = assertThrows(IllegalArgumentException.class,
                () -> RegressionBaseline.load(mlpRun).generate(List.of(withEmbedding(queries(1, 6).get(0),
                        new float[TEXT_DIM + 1])), 1));
        assertTrue(wrongDim.getMessage().contains("text encoder"), wrongDim.getMessage());
    }

    /** {@code n} queries with unit caption vectors and distinct noise seeds. */
    private static List<EvalQuery> queries(int n, long seed) {
        Random random = new Random(seed);
        List<EvalQuery> queries = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            float[] embedding = TensorArrays.unitRows(random, 1, TEXT_DIM);
            queries.add(new EvalQuery(100 + q, q, 0, "caption " + q, embedding, EvalQuery.noiseSeed(seed, 100 + q, 0)));
        }
        return queries;
    }

    private static EvalQuery withEmbedding(EvalQuery query, float[] embedding) {
        return new EvalQuery(query.imageId(), query.imageIndex(), query.captionOrdinal(), query.caption(), embedding,
                query.noiseSeed());
    }

    private static float[] concat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * rows[0].length, rows[0].length);
        }
        return out;
    }
}
