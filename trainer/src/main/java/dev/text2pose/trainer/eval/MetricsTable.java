package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.eval.stats.Interval;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The metrics of all rows as Markdown tables, which read as plain text too: the command prints them and the report
 * embeds them, so the two can never disagree. {@link #markdown} holds every point estimate; {@link #intervals} the
 * headline numbers with their 95% bootstrap intervals.
 */
public final class MetricsTable {

    /** The header cells, with the direction that is better where there is one. */
    static final List<String> HEADER = List.of("row", "GT dist ↓", "NN dist eval", "NN dist train",
            "NN is GT ↑", "1-NN acc (0.5 ideal)", "diversity", "caption sens.", "caption match ↑", "present",
            "R@1 ↑", "R@2 ↑", "R@3 ↑", "FID ↓", "seconds");

    /** The header of the interval table. */
    static final List<String> INTERVAL_HEADER = List.of("row", "GT dist ↓", "1-NN acc", "R@3 ↑", "R@3 ÷ real",
            "FID ↓", "present", "caption match ↑", "NN dist train");

    private MetricsTable() {
    }

    /** The table of point estimates: a header, a separator and one line per row. */
    public static String markdown(List<RowEvaluator.RowResult> results) {
        StringBuilder table = new StringBuilder(header(HEADER));
        for (RowEvaluator.RowResult result : results) {
            RowMetrics m = result.metrics();
            table.append(line(List.of(result.row().label(),
                    distance(m.groundTruthDistance().estimate()),
                    distance(m.nearestEvalDistance()),
                    distance(m.nearestTrainDistance().estimate()),
                    fraction(m.nearestIsGroundTruth()),
                    fraction(m.oneNnAccuracy().estimate()),
                    distance(m.diversity()),
                    distance(m.captionSensitivity()),
                    distance(m.captionMatch().estimate()),
                    fraction(m.presentFraction().estimate()),
                    fraction(m.rPrecision().top1()),
                    fraction(m.rPrecision().top2()),
                    fraction(m.rPrecision().top3()),
                    fraction(m.fid() == null ? null : m.fid().estimate()),
                    String.format(Locale.ROOT, "%.1f", m.seconds()))));
        }
        return table.toString();
    }

    /**
     * The headline numbers with their intervals, {@code estimate [low, high]}, and R@3 as a fraction of the real
     * poses' R@3 (the judge's ceiling) when a real row is present.
     */
    public static String intervals(List<RowEvaluator.RowResult> results) {
        Double ceiling = results.stream().filter(r -> r.row().kind() == EvaluationRow.Kind.REAL)
                .map(r -> r.metrics().rPrecision().top3()).findFirst().orElse(null);
        StringBuilder table = new StringBuilder(header(INTERVAL_HEADER));
        for (RowEvaluator.RowResult result : results) {
            RowMetrics m = result.metrics();
            table.append(line(List.of(result.row().label(),
                    interval(m.groundTruthDistance(), "%.1f"),
                    interval(m.oneNnAccuracy(), "%.3f"),
                    interval(m.top3(), "%.3f"),
                    ceiling == null || ceiling == 0 ? "–" : fraction(m.top3().estimate() / ceiling),
                    interval(m.fid(), "%.3f"),
                    interval(m.presentFraction(), "%.3f"),
                    interval(m.captionMatch(), "%.1f"),
                    interval(m.nearestTrainDistance(), "%.1f"))));
        }
        return table.toString();
    }

    /** A header line and the separator, the first column left-aligned and the others right-aligned. */
    static String header(List<String> cells) {
        return line(cells) + line(IntStream.range(0, cells.size()).mapToObj(i -> i == 0 ? "---" : "---:").toList());
    }

    /** One table line. */
    static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String interval(Interval interval, String format) {
        if (interval == null || Double.isNaN(interval.estimate())) {
            return "–";
        }
        String estimate = format(format, interval.estimate());
        if (Double.isNaN(interval.low())) {
            return estimate;
        }
        return estimate + " [" + format(format, interval.low()) + ", " + format(format, interval.high()) + "]";
    }

    private static String distance(Double value) {
        return value == null || value.isNaN() ? "–" : format("%.1f", value);
    }

    /** {@code value} formatted, with a rounded negative zero (a constant pose's caption match) shown as zero. */
    private static String format(String format, double value) {
        String text = String.format(Locale.ROOT, format, value);
        return text.matches("-0\\.0*") ? text.substring(1) : text;
    }

    /** A fraction to three decimals; a dash for none. */
    static String fraction(Double value) {
        return value == null || value.isNaN() ? "–" : format("%.3f", value);
    }
}
