package dev.text2pose.trainer.train;

import dev.text2pose.pose.SkeletonRenderer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PNG of a run's training curves, drawn from its {@code losses.csv}: stacked panels that share the step axis.
 * <ol>
 *   <li>the critic's Wasserstein estimate, and the mismatched-text gap when the run has one;</li>
 *   <li>the generator's adversarial loss;</li>
 *   <li>the Lipschitz penalty and the gradient norm, with a dashed line at the norm's target 1;</li>
 *   <li>the extra generator loss (the MLP's visibility BCE), when the run has one.</li>
 * </ol>
 * Each series is drawn raw as a thin light line and as a running mean over the last 2 % of the steps as a bold
 * one. GAN losses can spike far beyond what follows, so each panel's y range is the 1st to 99th percentile of its
 * raw values (of them rather than of the means, which smear one spike over a whole window); the title says when
 * values fall outside it. Non-finite cells are skipped.
 */
public final class LossCurves {

    /** The picture's name beside {@code losses.csv} in a run folder. */
    public static final String FILE = "losses.png";
    /** Size of the picture in pixels: readable as a figure of a model card. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;

    private static final Color INK = Color.DARK_GRAY;
    private static final Color GRID = new Color(0xee, 0xee, 0xee);
    private static final Color FRAME = new Color(0xbb, 0xbb, 0xbb);
    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6, 4}, 0);
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 32;
    private static final int BOTTOM = 44;
    private static final int TITLE = 22;
    private static final int GAP = 8;

    /** One panel: its title, its lines, and a value to mark with a dashed line (NaN for none). */
    private record Panel(String title, List<CurveSeries> series, double reference) {
    }

    private LossCurves() {
    }

    /** Reads {@code csv} and writes its curves to {@code png}; errors name the CSV ({@link LossTable#read}). */
    public static void write(Path csv, Path png) {
        SkeletonRenderer.writePng(render(LossTable.read(csv)), png);
    }

    private static BufferedImage render(LossTable table) {
        double[] steps = table.column("step");
        int window = Math.max(1, (int) Math.round(0.02 * steps.length));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            String updates = steps.length + (steps.length == 1 ? " generator update" : " generator updates");
            g.drawString(name(table.source()) + ": " + updates + ".  Thin: each update; bold: mean of the last "
                    + window + ".", LEFT, 20);
            List<Panel> panels = panels(table, window);
            PlotAxis x = PlotAxis.steps(steps, LEFT, WIDTH - RIGHT);
            int height = (HEIGHT - TOP - BOTTOM) / panels.size();
            for (int p = 0; p < panels.size(); p++) {
                Rectangle plot = new Rectangle(LEFT, TOP + p * height + TITLE, WIDTH - LEFT - RIGHT,
                        height - TITLE - GAP);
                drawPanel(g, panels.get(p), steps, x, plot, p == panels.size() - 1);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<Panel> panels(LossTable table, int window) {
        List<CurveSeries> critic = new ArrayList<>(List.of(
                CurveSeries.of("Wasserstein estimate W", new Color(0x1f77b4), table.column("wasserstein"), window)));
        double[] gap = table.column("mismatch_gap");
        if (anyNonZero(gap)) {
            critic.add(CurveSeries.of("mismatched-text gap", new Color(0xff7f0e), gap, window));
        }
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("critic", critic, Double.NaN));
        panels.add(new Panel("generator", List.of(CurveSeries.of("generator loss", new Color(0x2ca02c),
                table.column("generator_loss"), window)), Double.NaN));
        panels.add(new Panel("Lipschitz penalty and gradient norm", List.of(
                CurveSeries.of("penalty", new Color(0xd62728), table.column("penalty"), window),
                CurveSeries.of("|grad|", new Color(0x9467bd), table.column("grad_norm"), window)), 1));
        double[] extra = table.column("extra_loss");
        if (anyNonZero(extra)) {
            panels.add(new Panel("extra generator loss", List.of(CurveSeries.of("extra loss (MLP: visibility BCE)",
                    new Color(0x8c564b), extra, window)), Double.NaN));
        }
        return panels;
    }

    /** Whether the run has this term at all: unconditional runs write 0 for the gap, heatmap runs for the extra. */
    private static boolean anyNonZero(double[] values) {
        return Arrays.stream(values).anyMatch(v -> Double.isFinite(v) && v != 0);
    }

    private static void drawPanel(Graphics2D g, Panel panel, double[] steps, PlotAxis x, Rectangle plot,
                                  boolean bottom) {
        double[] raw = panel.series().stream().flatMapToDouble(s -> Arrays.stream(s.raw())).toArray();
        PlotAxis y = PlotAxis.robust(raw, panel.reference(), plot.getMaxY(), plot.y);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(panel.title(), plot.x, plot.y - 6);
        int after = plot.x + g.getFontMetrics().stringWidth(panel.title()) + 8;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        if (Arrays.stream(raw).anyMatch(v -> Double.isFinite(v) && !y.holds(v))) {
            g.drawString("(y clipped to the 1st-99th percentile)", after, plot.y - 6);
        }
        grid(g, x, y, plot, bottom);
        g.setClip(plot);
        for (CurveSeries s : panel.series()) {
            line(g, steps, s.raw(), x, y, s.light(), 1f);
        }
        if (Double.isFinite(panel.reference())) { // over the raw values, under the means
            g.setColor(INK);
            g.setStroke(DASHED);
            g.draw(new Line2D.Double(plot.x, y.pixel(panel.reference()), plot.getMaxX(), y.pixel(panel.reference())));
        }
        for (CurveSeries s : panel.series()) {
            line(g, steps, s.mean(), x, y, s.colour(), 2.5f);
        }
        g.setClip(null);
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(1f));
        g.draw(plot);
        legend(g, panel, plot);
    }

    /** The finite points of {@code values} joined; a lone point as a dot, since it draws no line. */
    private static void line(Graphics2D g, double[] steps, double[] values, PlotAxis x, PlotAxis y, Color colour,
                             float width) {
        Path2D.Double path = new Path2D.Double();
        int points = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(steps[i]) && Double.isFinite(values[i])) {
                if (points++ == 0) {
                    path.moveTo(x.pixel(steps[i]), y.pixel(values[i]));
                } else {
                    path.lineTo(x.pixel(steps[i]), y.pixel(values[i]));
                }
            }
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        if (points == 1) {
            double r = width + 1.5;
            Point2D dot = path.getCurrentPoint();
            g.fill(new Ellipse2D.Double(dot.getX() - r, dot.getY() - r, 2 * r, 2 * r));
        }
    }

    /** Grid lines at the ticks of both axes, numbered on the left and, below the bottom panel, for the steps. */
    private static void grid(Graphics2D g, PlotAxis x, PlotAxis y, Rectangle plot, boolean bottom) {
        g.setStroke(new BasicStroke(1f));
        for (double v : y.ticks()) {
            g.setColor(GRID);
            g.draw(new Line2D.Double(plot.x, y.pixel(v), plot.getMaxX(), y.pixel(v)));
            g.setColor(INK);
            g.drawString(y.label(v), plot.x - g.getFontMetrics().stringWidth(y.label(v)) - 6, (float) y.pixel(v) + 4);
        }
        for (double v : x.ticks()) {
            g.setColor(GRID);
            g.draw(new Line2D.Double(x.pixel(v), plot.y, x.pixel(v), plot.getMaxY()));
            g.setColor(INK);
            if (bottom) {
                float centre = (float) x.pixel(v) - g.getFontMetrics().stringWidth(x.label(v)) / 2f;
                g.drawString(x.label(v), centre, plot.y + plot.height + 16);
            }
        }
        if (bottom) {
            g.drawString("step (generator updates)", (float) plot.getCenterX() - 60, plot.y + plot.height + 36);
        }
    }

    /** The series' names right-aligned above the plot, then the reference line's when there is one. */
    private static void legend(Graphics2D g, Panel panel, Rectangle plot) {
        int x = plot.x + plot.width;
        if (Double.isFinite(panel.reference())) {
            String value = BigDecimal.valueOf(panel.reference()).stripTrailingZeros().toPlainString();
            x = entry(g, x, plot.y, "target " + value, INK, DASHED);
        }
        for (int i = panel.series().size() - 1; i >= 0; i--) {
            CurveSeries s = panel.series().get(i);
            x = entry(g, x, plot.y, s.label(), s.colour(), new BasicStroke(2.5f));
        }
    }

    /** Draws one legend entry ending at {@code right}; returns where it starts. */
    private static int entry(Graphics2D g, int right, int bottom, String label, Color colour, BasicStroke stroke) {
        int x = right - g.getFontMetrics().stringWidth(label) - 34;
        g.setColor(colour);
        g.setStroke(stroke);
        g.draw(new Line2D.Double(x + 4, bottom - 10, x + 24, bottom - 10));
        g.setColor(INK);
        g.drawString(label, x + 28, bottom - 6);
        return x;
    }

    /** The file's name with its folder's, such as {@code s1/losses.csv}: every run's CSV has the same name. */
    private static String name(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return (folder == null || folder.getFileName() == null ? "" : folder.getFileName() + "/") + file.getFileName();
    }
}
