package dev.text2pose.trainer.eval;

import java.util.List;
import java.util.Locale;

/**
 * The metrics of all rows as one Markdown table, which reads as plain text too: the command prints it and the
 * report embeds it, so the two can never disagree.
 */
public final class MetricsTable {

    /** The header cells, with the direction that is better where there is one. */
    static final List<String> HEADER = List.of("row", "GT dist ↓", "NN dist eval", "NN dist train",
            "NN is GT ↑", "1-NN acc (0.5 ideal)", "diversity", "present", "R@1 ↑", "R@2 ↑", "R@3 ↑", "seconds");

    private MetricsTable() {
    }

    /** The table: a header, a separator and one line per row. */
    public static String markdown(List<RowEvaluator.RowResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(line(HEADER));
        table.append(line(HEADER.stream().map(h -> h.equals("row") ? "---" : "---:").toList()));
        for (RowEvaluator.RowResult result : results) {
            RowMetrics m = result.metrics();
            table.append(line(List.of(result.row().label(),
                    distance(m.groundTruthDistance()),
                    distance(m.nearestEvalDistance()),
                    distance(m.nearestTrainDistance()),
                    fraction(m.nearestIsGroundTruth()),
                    fraction(m.oneNnAccuracy()),
                    distance(m.diversity()),
                    fraction(m.presentFraction()),
                    fraction(m.rPrecision().top1()),
                    fraction(m.rPrecision().top2()),
                    fraction(m.rPrecision().top3()),
                    String.format(Locale.ROOT, "%.1f", m.seconds()))));
        }
        return table.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String distance(Double value) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fraction(Double value) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
