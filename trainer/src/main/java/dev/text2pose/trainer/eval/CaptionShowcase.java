package dev.text2pose.trainer.eval;

import dev.text2pose.pose.Pose;
import dev.text2pose.pose.SkeletonRenderer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's side-by-side picture: five clearly different everyday captions, each answered by the generator and
 * by the baselines the figures show, all under one noise draw. With the noise fixed, whatever differs between two
 * rows of a column comes from the words alone.
 */
public final class CaptionShowcase {

    /** What a new user tried first (the quality issue): tennis, skiing, surfing, a bench, baseball. */
    public static final List<String> CAPTIONS = List.of(
            "a man swinging a tennis racket",
            "a person skiing down a snowy hill",
            "a man riding a wave on a surfboard",
            "a woman sitting on a park bench",
            "a baseball player swinging a bat");

    private static final int CELL = 128;

    private final SkeletonRenderer renderer = new SkeletonRenderer();

    /**
     * One row per caption, one column per source.
     *
     * @param vectors the captions' raw vectors, in {@link #CAPTIONS} order
     * @param seed    the run's seed; every caption gets the same noise draw from it
     * @param columns the rows of the evaluation to show, generator first
     */
    public BufferedImage render(float[][] vectors, long seed, List<EvaluationRow> columns) {
        long noiseSeed = EvalQuery.noiseSeed(seed, 0, 0);
        List<EvalQuery> queries = new ArrayList<>();
        for (int c = 0; c < CAPTIONS.size(); c++) {
            queries.add(new EvalQuery(-1 - c, c, 0, CAPTIONS.get(c), vectors[c], noiseSeed));
        }
        List<PoseSet> answers = columns.stream().map(row -> row.source().generate(queries, 1)).toList();
        List<List<Pose>> grid = new ArrayList<>();
        for (int c = 0; c < CAPTIONS.size(); c++) {
            List<Pose> line = new ArrayList<>();
            for (PoseSet answer : answers) {
                line.add(answer.toPose(c));
            }
            grid.add(line);
        }
        return renderer.grid(grid, CAPTIONS, columns.stream().map(EvaluationRow::label).toList(), CELL);
    }
}
