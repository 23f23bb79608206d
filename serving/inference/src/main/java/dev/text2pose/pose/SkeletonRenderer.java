package dev.text2pose.pose;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws poses as stick figures on white: COCO's skeleton, the person's left side in {@link #LEFT}, the right side
 * in {@link #RIGHT}, and edges that cross the body (shoulders, hips) in {@link #CENTRE}. Absent keypoints and
 * every edge touching one are left out, so a figure shows exactly what the model claims to have found.
 *
 * <p>An edge takes a side's colour when one of its ends is on that side and neither is on the other, so the face
 * edges from the nose count as their eye's side, as in COCO's own drawings. Keypoints are read in the normalised
 * person frame (x right, y down, both in [0, 1]) and the square frame is fitted to the cell with a small margin.
 *
 * <p>Pure {@code java.awt} on a {@link BufferedImage}: it needs no display and runs headless. Instances hold no
 * mutable state and may be shared across threads.
 */
public final class SkeletonRenderer {

    /** Colour of the person's left limbs and keypoints. */
    public static final Color LEFT = new Color(0x1f, 0x77, 0xb4);
    /** Colour of the person's right limbs and keypoints. */
    public static final Color RIGHT = new Color(0xd6, 0x27, 0x28);
    /** Colour of edges across the body and of the nose. */
    public static final Color CENTRE = new Color(0x2c, 0xa0, 0x2c);
    /** Background of every image. */
    public static final Color BACKGROUND = Color.WHITE;

    private static final Color CELL_BORDER = new Color(0xdd, 0xdd, 0xdd);
    private static final Color LABEL = Color.DARK_GRAY;
    private static final double MARGIN = 0.08;
    private static final int LABEL_INSET = 3;
    /** Lines of a row label at most: enough for a caption, its target and a sample number in one 256 px cell. */
    static final int MAX_ROW_LABEL_LINES = 4;

    /** One pose in a square image of {@code size} pixels. */
    public BufferedImage render(Pose pose, int size) {
        BufferedImage image = blank(size, size);
        Graphics2D g = graphics(image);
        try {
            draw(g, pose, 0, 0, size);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Poses in a labelled grid: row {@code r}, column {@code c} shows {@code rows.get(r).get(c)}. Column labels
     * go above the first row, each row's label above its cells, spanning the grid. A row label that does not fit on
     * one line is wrapped at spaces, up to {@value #MAX_ROW_LABEL_LINES} lines, so a caption and its
     * {@code [sample N]} stay readable in a narrow grid; what still does not fit, and a column label wider than its
     * cell, is cut with an ellipsis. Rows may differ in length.
     *
     * @param rowLabels    one per row, or empty for none
     * @param columnLabels one per column, or empty for none
     */
    public BufferedImage grid(List<List<Pose>> rows, List<String> rowLabels, List<String> columnLabels, int cellSize) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        if (!rowLabels.isEmpty() && rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + rowLabels.size() + " row labels");
        }
        if (!columnLabels.isEmpty() && columnLabels.size() != columns) {
            throw new IllegalArgumentException(columns + " columns but " + columnLabels.size() + " column labels");
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, cellSize / 10));
        int width = Math.max(1, columns * cellSize);
        Graphics2D probe = graphics(blank(1, 1));
        FontMetrics metrics = probe.getFontMetrics(font);
        probe.dispose();
        List<List<String>> rowLines = rowLabels.stream()
                .map(label -> LabelLines.of(metrics, label, width - 2 * LABEL_INSET, MAX_ROW_LABEL_LINES)).toList();
        int header = columnLabels.isEmpty() ? 0 : band(metrics, 1);
        int rowBand = band(metrics, rowLines.stream().mapToInt(List::size).max().orElse(0));
        BufferedImage image = blank(width, Math.max(1, header + rows.size() * (rowBand + cellSize)));
        Graphics2D g = graphics(image);
        try {
            g.setFont(font);
            for (int c = 0; c < columnLabels.size(); c++) {
                label(g, LabelLines.of(metrics, columnLabels.get(c), cellSize - 2 * LABEL_INSET, 1), c * cellSize, 0);
            }
            for (int r = 0; r < rows.size(); r++) {
                int top = header + r * (rowBand + cellSize);
                if (!rowLines.isEmpty()) {
                    label(g, rowLines.get(r), 0, top);
                }
                for (int c = 0; c < rows.get(r).size(); c++) {
                    g.setColor(CELL_BORDER);
                    g.setStroke(new BasicStroke(1f));
                    // Half-pixel offsets put the 1 px border on pixel centres, so antialiasing keeps it crisp.
                    g.draw(new Rectangle2D.Double(c * cellSize + 0.5, top + rowBand + 0.5, cellSize - 1, cellSize - 1));
                    draw(g, rows.get(r).get(c), c * cellSize, top + rowBand, cellSize);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int band(FontMetrics metrics, int lines) {
        return lines == 0 ? 0 : lines * metrics.getHeight() + 4;
    }

    /** Writes an image as PNG, creating the parent folder if needed. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Draws a pose into the square at ({@code left}, {@code top}) of side {@code size}. */
    public void draw(Graphics2D g, Pose pose, int left, int top, int size) {
        float stroke = Math.max(2f, size / 40f);
        double margin = size * MARGIN;
        double span = size - 2 * margin;
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] edge : CocoKeypoints.SKELETON) {
            Keypoint a = pose.keypoint(edge[0]);
            Keypoint b = pose.keypoint(edge[1]);
            if (a.present() && b.present()) {
                g.setColor(edgeColour(edge[0], edge[1]));
                g.draw(new Line2D.Double(left + margin + a.x() * span, top + margin + a.y() * span,
                        left + margin + b.x() * span, top + margin + b.y() * span));
            }
        }
        double radius = stroke * 1.2;
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            Keypoint k = pose.keypoint(i);
            if (k.present()) {
                g.setColor(keypointColour(i));
                g.fill(new Ellipse2D.Double(left + margin + k.x() * span - radius,
                        top + margin + k.y() * span - radius, 2 * radius, 2 * radius));
            }
        }
    }

    /** The colour of the edge between keypoints {@code a} and {@code b}. */
    public static Color edgeColour(int a, int b) {
        boolean left = CocoKeypoints.isLeft(a) || CocoKeypoints.isLeft(b);
        boolean right = CocoKeypoints.isRight(a) || CocoKeypoints.isRight(b);
        if (left == right) {
            return CENTRE;
        }
        return left ? LEFT : RIGHT;
    }

    /** The colour of keypoint {@code i}: its side's, or {@link #CENTRE} for the nose. */
    public static Color keypointColour(int i) {
        return CocoKeypoints.isLeft(i) ? LEFT : CocoKeypoints.isRight(i) ? RIGHT : CENTRE;
    }

    private static void label(Graphics2D g, List<String> lines, int left, int top) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(LABEL);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), left + LABEL_INSET, top + 2 + i * metrics.getHeight() + metrics.getAscent());
        }
    }

    private static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }
}
