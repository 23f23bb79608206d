package dev.text2pose.pose;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelLinesTest {

    /** The demo's grid: 256 px cells, so a 25 px font. */
    private static final FontMetrics METRICS = metrics(new Font(Font.SANS_SERIF, Font.PLAIN, 25));
    private static final int ROOM = 250;

    @Test
    void aCaptionWithTargetAndSampleNumberShowsWholeInTheDemosCell() {
        String title = "a man swinging a tennis racket -> a man standing on a beach  [sample 12]";
        List<String> lines = LabelLines.of(METRICS, title, ROOM, SkeletonRenderer.MAX_ROW_LABEL_LINES);
        assertTrue(lines.size() > 1, "it needs more than one line: " + lines);
        lines.forEach(line -> assertTrue(METRICS.stringWidth(line) <= ROOM, "'" + line + "' fits"));
        assertEquals(title.replaceAll("\\s+", " "), String.join(" ", lines).replaceAll("\\s+", " "),
                "every word is shown, in order, none cut");
    }

    @Test
    void textBeyondTheLastLineEndsInAnEllipsis() {
        List<String> lines = LabelLines.of(METRICS, "word ".repeat(200), ROOM, 2);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).endsWith("…"), lines.get(1));
        assertTrue(METRICS.stringWidth(lines.get(1)) <= ROOM, lines.get(1));
    }

    @Test
    void aSingleWordWiderThanTheLineIsCut() {
        List<String> lines = LabelLines.of(METRICS, "x".repeat(100), ROOM, 3);
        assertEquals(1, lines.size(), "no line can be broken at a space, so it is cut at once: " + lines);
        assertTrue(lines.get(0).endsWith("…") && METRICS.stringWidth(lines.get(0)) <= ROOM, lines.get(0));
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
