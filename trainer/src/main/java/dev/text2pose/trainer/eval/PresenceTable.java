package dev.text2pose.trainer.eval;

import dev.text2pose.pose.CocoKeypoints;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-keypoint presence as a Markdown table: one line per COCO keypoint, one column per row, the real poses first,
 * so a generator that marks the face present too often or one knee more than the other shows it at a glance.
 */
public final class PresenceTable {

    private PresenceTable() {
    }

    /** The table: keypoints down, rows across, fractions of poses with the keypoint present. */
    public static String markdown(List<RowEvaluator.RowResult> results) {
        List<String> header = new ArrayList<>(List.of("keypoint"));
        results.forEach(r -> header.add(r.row().label()));
        StringBuilder table = new StringBuilder(MetricsTable.header(header));
        for (int k = 0; k < CocoKeypoints.COUNT; k++) {
            List<String> cells = new ArrayList<>(List.of(CocoKeypoints.NAMES.get(k)));
            for (RowEvaluator.RowResult result : results) {
                cells.add(MetricsTable.fraction(result.metrics().presentByKeypoint()[k]));
            }
            table.append(MetricsTable.line(cells));
        }
        return table.toString();
    }
}
