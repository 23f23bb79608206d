package dev.text2pose.trainer.eval;

/**
 * One row of the results: a named {@link PoseSource} and how the report treats it.
 *
 * @param key        short stable id, used in {@code metrics.json}
 * @param label      what the table calls it
 * @param source     what answers the captions
 * @param kind       real poses, a baseline or a generator
 * @param inFigures  whether the sample grid shows it: the generator's samples, or a baseline's answer beside them
 */
public record EvaluationRow(String key, String label, PoseSource source, Kind kind, boolean inFigures) {

    /** What a row is, which decides how some metrics are computed and how figures show it. */
    public enum Kind {
        /** The ground truth itself: the floor of realism and the ceiling of R-precision. */
        REAL,
        /** A simple answer to the same question, shown with one pose in figures. */
        BASELINE,
        /** A learned generator, shown with several samples in figures. */
        GENERATOR
    }
}
