package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.stats.ImageBootstrap;
import dev.text2pose.trainer.eval.stats.Interval;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every other generator row against the conditional generator, as paired bootstrap differences: each headline
 * metric's difference with the 95% interval of its per-resample differences ({@link Interval#minus}). Two rows'
 * own intervals share the spread of which images were drawn; pairing removes it, so this is the test for "better
 * beyond the intervals", where comparing two overlapping intervals is not.
 */
final class PairedDifferences {

    /** A headline metric and which way is better. */
    private record Metric(String label, Function<RowMetrics, Interval> value, boolean lowerIsBetter, String format) {
    }

    private PairedDifferences() {
    }

    /** The table, or an empty string when the run has no other generator row. */
    static String markdown(EvaluationResult result) {
        RowEvaluator.RowResult reference = result.row(EvaluationRows.CONDITIONAL);
        Interval realPresent = result.row(EvaluationRows.REAL).metrics().presentFraction();
        List<Metric> metrics = List.of(
                new Metric("GT dist", RowMetrics::groundTruthDistance, true, "%+.1f"),
                new Metric("1-NN acc", RowMetrics::oneNnAccuracy, true, "%+.3f"),
                new Metric("R@3", RowMetrics::top3, false, "%+.3f"),
                new Metric("FID", RowMetrics::fid, true, "%+.3f"),
                new Metric("presence error", m -> presenceError(m, realPresent), true, "%+.3f"),
                new Metric("caption match", RowMetrics::captionMatch, false, "%+.1f"));
        StringBuilder md = new StringBuilder("| row − " + reference.row().label() + " |");
        metrics.forEach(m -> md.append(' ').append(m.label()).append(m.lowerIsBetter() ? " ↓ |" : " ↑ |"));
        md.append("\n| --- |").append(" ---: |".repeat(metrics.size())).append('\n');
        int compared = 0;
        for (RowEvaluator.RowResult row : result.rows()) {
            if (row.row().kind() != EvaluationRow.Kind.GENERATOR || row == reference) {
                continue;
            }
            compared++;
            md.append("| ").append(row.row().label()).append(" |");
            for (Metric metric : metrics) {
                md.append(' ').append(cell(metric, metric.value().apply(row.metrics())
                        .minus(metric.value().apply(reference.metrics())))).append(" |");
            }
            md.append('\n');
        }
        return compared == 0 ? "" : md.toString();
    }

    /** |present − real present| on the same resamples. */
    private static Interval presenceError(RowMetrics m, Interval realPresent) {
        return ImageBootstrap.paired(m.presentFraction(), realPresent, (row, real) -> Math.abs(row - real));
    }

    private static String cell(Metric metric, Interval difference) {
        String verdict;
        if (difference.low() > 0 || difference.high() < 0) {
            boolean lower = difference.high() < 0;
            verdict = lower == metric.lowerIsBetter() ? " **better**" : " **worse**";
        } else {
            verdict = " tie";
        }
        return String.format(Locale.ROOT, metric.format() + " [" + metric.format() + ", " + metric.format() + "]",
                difference.estimate(), difference.low(), difference.high()) + verdict;
    }
}
