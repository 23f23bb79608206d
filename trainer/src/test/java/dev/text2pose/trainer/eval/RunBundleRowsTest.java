package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.NoiseSampler;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.baseline.MlpGenerator;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.train.CheckpointExport;
import dev.text2pose.trainer.export.HeatmapGeneratorExport;
import dev.text2pose.trainer.export.MlpGeneratorExport;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.ConfigCodec;
import dev.text2pose.trainer.train.SmokeCheckpoints;
import dev.text2pose.trainer.train.TrainedGenerators;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.text2pose.trainer.eval.PoseSetAssertions.assertClose;
import static dev.text2pose.trainer.eval.PoseSetAssertions.assertDiffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two rows that come from training checkpoints, exported as bundles ({@link CheckpointExport}) and scored through
 * {@link BundleGenerator}, on two-step smoke runs: the bundles answer as the libtorch networks do.
 */
@SuppressWarnings("try") // NoGradGuard works by its extent
class RunBundleRowsTest {

    private static final int TEXT_DIM = 8;
    private static final OrtSessions CPU = OrtSessions.cpu();

    @TempDir
    static Path dir;

    private static Path mlpRun;
    private static Path uncondRun;
    private static ModelBundle mlpBundle;
    private static ModelBundle uncondBundle;

    @BeforeAll
    static void trainSmokeRunsAndExportThem() throws IOException {
        mlpRun = SmokeCheckpoints.mlp(dir.resolve("mlp"), TEXT_DIM);
        // [-1,1] and an EMA: the export must take the range from the run and prefer the EMA weights.
        uncondRun = SmokeCheckpoints.unconditional(dir.resolve("uncond"),
                Map.of("heatmapRange", "[-1,1]", "emaDecay", "0.5"));
        mlpBundle = exported(mlpRun, "mlp.onnx");
        uncondBundle = exported(uncondRun, "uncond.onnx");
    }

    @AfterAll
    static void close() {
        mlpBundle.close();
        uncondBundle.close();
    }

    private static ModelBundle exported(Path run, String file) throws IOException {
        CheckpointExport.of(run, true).write(dir.resolve(file));
        return ModelBundle.load(dir.resolve(file), CPU);
    }

    /**
     * A query's draws depend on its caption and noise seed alone, not on the queries beside it nor on where the
     * chunks of {@link BundleGenerator#ROWS_PER_CALL} rows cut. Within rounding, not bit for bit: ONNX Runtime's
     * kernels, and so the last bits, change with the batch shape and the CPU ({@link PoseSetAssertions} says why a
     * real mix-up still fails).
     */
    @Test
    void regressionAnswersEveryDrawDeterministicallyAndIndependentlyOfTheOtherQueries() {
        BundleGenerator regression = new BundleGenerator(mlpBundle);
        List<EvalQuery> queries = queries(3, 1);
        int draws = 100; // 300 rows: more than one chunk, so a query's draws straddle two forward passes
        PoseSet all = regression.generate(queries, draws);
        assertEquals(queries.size() * draws, all.size());
        assertClose(all, regression.generate(queries, draws), "same seeds");
        PoseSet alone = regression.generate(List.of(queries.get(2)), draws);
        assertClose(alone, all.select(IntStream.range(2 * draws, 3 * draws).toArray()), "alone and in a batch");
        assertDiffer(alone, all.select(IntStream.range(draws, 2 * draws).toArray()), "another query");
        assertDiffer(all.select(new int[] {0}), all.select(new int[] {1}), "draws differ");
    }

    @Test
    void regressionBundleAnswersAsTheLibtorchMlpScaledAsTrainingDid() {
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
        assertClose(expected, new BundleGenerator(mlpBundle).generate(queries, draws), "scaled as training did");
        assertEquals(MlpPoses.VISIBILITY_THRESHOLD, mlpBundle.metadata().presenceThreshold());
    }

    @Test
    void regressionReadsTheCaption() {
        BundleGenerator regression = new BundleGenerator(mlpBundle);
        List<EvalQuery> queries = queries(2, 3);
        EvalQuery otherCaption = withEmbedding(queries.get(1), queries.get(0).embedding());
        assertDiffer(regression.generate(List.of(queries.get(1)), 4),
                regression.generate(List.of(otherCaption), 4), "same noise, another caption");
    }

    @Test
    void unconditionalIgnoresTheCaptionAndVariesWithTheNoise() {
        BundleGenerator unconditional = new BundleGenerator(uncondBundle);
        List<EvalQuery> queries = queries(2, 4, MiniLmEncoder.DIMENSION);
        int draws = 3;
        PoseSet poses = unconditional.generate(queries, draws);
        assertEquals(queries.size() * draws, poses.size());
        assertClose(poses, unconditional.generate(queries, draws), "same seeds");
        List<EvalQuery> otherCaptions = List.of(withEmbedding(queries.get(0), queries.get(1).embedding()),
                withEmbedding(queries.get(1), new float[MiniLmEncoder.DIMENSION]));
        assertClose(poses, unconditional.generate(otherCaptions, draws), "the embedding is ignored");
        assertDiffer(poses.select(new int[] {0}), poses.select(new int[] {1}), "draws differ");
        assertDiffer(poses.select(new int[] {0}), poses.select(new int[] {draws}), "queries' noise differs");
    }

    @Test
    void unconditionalDecodesEachChannelAtItsMaximumWithTheRunsRange() {
        List<EvalQuery> queries = queries(1, 5, MiniLmEncoder.DIMENSION);
        int draws = 2;
        PoseSet poses = new BundleGenerator(uncondBundle).generate(queries, draws);
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
                    // libtorch's maximum at ONNX Runtime's argmax: the same peak to float rounding (1e-5 of a
                    // [-1,1] value), where the next-best cell of a real mix-up differs by far more.
                    assertEquals(max, heatmaps[offset + row * side + column], 1e-5f, "draw " + d + " keypoint " + k);
                }
            }
        }
    }

    @Test
    void eachRunExportsAsItsOwnKindOfBundle() {
        assertEquals(MlpGeneratorExport.ARCHITECTURE, mlpBundle.metadata().architecture());
        assertNull(mlpBundle.metadata().heatmaps(), "the MLP emits keypoints only");
        assertEquals(HeatmapGeneratorExport.UNCONDITIONAL_ARCHITECTURE, uncondBundle.metadata().architecture());
        assertEquals("[-1,1]", uncondBundle.metadata().heatmaps().range());
        assertEquals(MiniLmEncoder.DIMENSION, uncondBundle.metadata().embeddingDim(), "takes the caption it ignores");
        assertEquals(Checkpoint.GENERATOR_EMA, uncondBundle.metadata().provenance().get("generator"));
    }

    @Test
    void theBundleRecordsTheWholeTrainingConfigurationAndTheDataHash() {
        Checkpoint saved = Checkpoint.read(Checkpoint.in(uncondRun));
        Map<String, String> provenance = uncondBundle.metadata().provenance();
        Map<String, String> config = ConfigCodec.toMap(saved.config());
        assertEquals(ConfigCodec.keys().size(), config.size());
        config.forEach((key, value) -> assertEquals(value, provenance.get(CheckpointExport.CONFIG_PREFIX + key), key));
        assertEquals("[-1,1]", provenance.get(CheckpointExport.CONFIG_PREFIX + "heatmapRange"));
        assertEquals(saved.dataHash(), provenance.get("data_hash"));
        assertEquals("test", provenance.get("code_version"), "the code version that trained it");
    }

    /** {@code n} queries with unit caption vectors of the MLP's width and distinct noise seeds. */
    private static List<EvalQuery> queries(int n, long seed) {
        return queries(n, seed, TEXT_DIM);
    }

    private static List<EvalQuery> queries(int n, long seed, int width) {
        Random random = new Random(seed);
        List<EvalQuery> queries = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            float[] embedding = TensorArrays.unitRows(random, 1, width);
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
