package dev.text2pose.trainer.train;

import dev.text2pose.pose.Pose;
import dev.text2pose.pose.SkeletonRenderer;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A PNG of skeletons drawn from fixed inputs, so grids from successive steps of a run can be compared by eye.
 * <ul>
 *   <li>unconditional: a row of real training poses, then rows of generated ones;</li>
 *   <li>conditional: one row per caption (the first caption of the first training samples), the real pose first,
 *       then generated ones for that caption.</li>
 * </ul>
 * The generator runs in eval mode (BatchNorm running statistics), as the exported bundle does, and with noise drawn
 * from the run's seed under its own purpose, so drawing a grid changes nothing in the run's trajectory.
 */
final class SampleGrid {

    private static final int ROWS = 4;
    private static final int COLUMNS = 8;
    private static final int CELL = 96;

    private final PoseGan gan;
    private final List<FramePose> realPoses = new ArrayList<>();
    private final List<String> rowLabels = new ArrayList<>();
    private final float[] noise;
    private final float[] text;
    private final int generatedPerRow;

    SampleGrid(PoseGan gan, TrainingData data, TrainConfig config) {
        this.gan = gan;
        boolean conditional = data.conditional();
        int rows = Math.min(ROWS, data.size());
        this.generatedPerRow = conditional ? COLUMNS - 1 : COLUMNS;
        int generated = conditional ? rows * generatedPerRow : (ROWS - 1) * COLUMNS;
        SplittableRandom random = RunRandom.at(config.seed(), "sample-grid", 0);
        this.noise = Batches.gaussian(random, generated * PaperSpec.NOISE_DIM);
        int dim = data.textDim();
        this.text = conditional ? new float[generated * dim] : null;
        for (int r = 0; r < (conditional ? rows : 0); r++) {
            realPoses.add(data.poses().get(r));
            rowLabels.add(data.captions().get(r).get(0));
            for (int c = 0; c < generatedPerRow; c++) {
                for (int d = 0; d < dim; d++) {
                    text[(r * generatedPerRow + c) * dim + d] = data.embeddings().get(r)[0][d] * config.embeddingScale();
                }
            }
        }
        for (int i = 0; !conditional && i < Math.min(COLUMNS, data.size()); i++) {
            realPoses.add(data.poses().get(i));
        }
    }

    /** Draws {@code generator}'s samples for the fixed inputs and writes the grid to {@code file}. */
    @SuppressWarnings("try")
    void write(Module generator, Path file) {
        List<Pose> generated = new ArrayList<>();
        boolean wasTraining = generator.is_training();
        generator.eval();
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            int n = noise.length / PaperSpec.NOISE_DIM;
            Tensor z = Tensor.create(noise, n, PaperSpec.NOISE_DIM);
            Tensor t = text == null ? null : Tensor.create(text, n, text.length / n);
            for (float[][] keypoints : gan.keypoints(gan.generate(generator, z, t))) {
                generated.add(Pose.fromArray(keypoints, gan.presenceThreshold()));
            }
        } finally {
            generator.train(wasTraining);
        }
        SkeletonRenderer renderer = new SkeletonRenderer();
        SkeletonRenderer.writePng(renderer.grid(rows(generated), rowLabels, List.of(), CELL), file);
    }

    private List<List<Pose>> rows(List<Pose> generated) {
        List<List<Pose>> rows = new ArrayList<>();
        if (text == null) {
            rows.add(realPoses.stream().map(SampleGrid::toPose).toList());
            for (int r = 0; r < generated.size() / COLUMNS; r++) {
                rows.add(generated.subList(r * COLUMNS, (r + 1) * COLUMNS));
            }
            return rows;
        }
        for (int r = 0; r < realPoses.size(); r++) {
            List<Pose> row = new ArrayList<>();
            row.add(toPose(realPoses.get(r)));
            row.addAll(generated.subList(r * generatedPerRow, (r + 1) * generatedPerRow));
            rows.add(row);
        }
        return rows;
    }

    /** A real pose as the renderer takes it: frame units, labelled keypoints present. */
    static Pose toPose(FramePose pose) {
        float[][] keypoints = new float[PaperSpec.KEYPOINTS][];
        for (int k = 0; k < keypoints.length; k++) {
            keypoints[k] = new float[] {pose.x(k) / FramePose.FRAME_SIZE, pose.y(k) / FramePose.FRAME_SIZE,
                    pose.isLabelled(k) ? 1f : 0f};
        }
        return Pose.fromArray(keypoints, 0.5f);
    }
}
