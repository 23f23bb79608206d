package dev.text2pose.pose;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/** A label broken into lines that fit a width in pixels, for {@link SkeletonRenderer}'s grids. */
final class LabelLines {

    private LabelLines() {
    }

    /**
     * {@code text} in lines at most {@code room} pixels wide, broken at spaces; past {@code maxLines}, or where a
     * single word is wider than a line, the last line is cut with an ellipsis.
     */
    static List<String> of(FontMetrics metrics, String text, int room, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (lines.size() < maxLines - 1 && metrics.stringWidth(rest) > room) {
            int end = fittingPrefix(metrics, rest, room);
            if (end <= 0) {
                break;
            }
            lines.add(rest.substring(0, end));
            rest = rest.substring(end).strip();
        }
        lines.add(cut(metrics, rest, room));
        return lines;
    }

    /** The length of the longest prefix that ends before a space and fits; 0 when even the first word does not. */
    private static int fittingPrefix(FontMetrics metrics, String text, int room) {
        int end = 0;
        for (int space = text.indexOf(' '); space > 0 && metrics.stringWidth(text.substring(0, space)) <= room;
             space = text.indexOf(' ', space + 1)) {
            end = space;
        }
        return end;
    }

    private static String cut(FontMetrics metrics, String text, int room) {
        if (metrics.stringWidth(text) <= room) {
            return text;
        }
        String shown = text;
        while (!shown.isEmpty() && metrics.stringWidth(shown + "…") > room) {
            shown = shown.substring(0, shown.length() - 1);
        }
        return shown + "…";
    }
}
