package dev.text2pose.trainer.eval;

import dev.text2pose.pose.Pose;
import dev.text2pose.pose.SkeletonRenderer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture people look at first: for a spread of evaluation captions, one labelled row each with the ground
 * truth, then samples of the generator, then the answer of each baseline shown in figures (caption retrieval, and
 * the regression baseline when it is evaluated).
 *
 * <p>Captions are chosen without looking at any result: the first caption of images spread evenly over the
 * evaluated images (in image-id order), so the grid cannot be cherry-picked by changing the model.
 */
public final class SampleGrid {

    /** Captions in the grid, as the issue asks. */
    public static final int CAPTIONS = 16;
    /** Generator samples per caption. */
    public static final int SAMPLES = 5;
    /** Side of one cell in pixels. */
    public static final int CELL = 128;

    private final SkeletonRenderer renderer = new SkeletonRenderer();

    /**
     * Renders the grid.
     *
     * @param generator the generator row's result, whose first {@link #SAMPLES} draws are shown
     * @param baselines baseline rows' results, draw 0 of each shown after the samples
     * @param draws     draws per caption in every result
     */
    public BufferedImage render(EvaluationData data, RowEvaluator.RowResult generator,
                                List<RowEvaluator.RowResult> baselines, int draws) {
        int samples = Math.min(SAMPLES, draws);
        List<String> columns = new ArrayList<>();
        columns.add("ground truth");
        for (int s = 0; s < samples; s++) {
            columns.add("sample " + (s + 1));
        }
        baselines.forEach(b -> columns.add(b.row().label()));
        List<List<Pose>> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        for (int q : chosenQueries(data)) {
            EvalQuery query = data.queries().get(q);
            List<Pose> row = new ArrayList<>();
            row.add(data.evalPoses().toPose(query.imageIndex()));
            for (int s = 0; s < samples; s++) {
                row.add(generator.poses().toPose(q * draws + s));
            }
            baselines.forEach(b -> row.add(b.poses().toPose(q * draws)));
            rows.add(row);
            rowLabels.add("image " + query.imageId() + ": " + query.caption());
        }
        return renderer.grid(rows, rowLabels, columns, CELL);
    }

    /** The first caption of up to {@link #CAPTIONS} images spread evenly over the evaluated images. */
    static List<Integer> chosenQueries(EvaluationData data) {
        int images = data.evalImages().size();
        int count = Math.min(CAPTIONS, images);
        int[][] queriesOfImage = data.queriesOfImage();
        List<Integer> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(queriesOfImage[(int) ((long) i * images / count)][0]);
        }
        return chosen;
    }
}
