package dev.text2pose.trainer.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossCurvesTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryPanelOfAConditionalRunWithSpikesAndNaNs() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int step = 1; step <= 300; step++) {
            double w = step == 3 ? 1e6 : 10 * Math.exp(-step / 80.0) + Math.sin(step);
            double penalty = step == 7 ? Double.NaN : step == 8 ? Double.POSITIVE_INFINITY : 0.2 + Math.cos(step) / 10;
            rows.add(new StepLosses(step, -w, w, 0.5, penalty, 1.3, -w / 2, 0.7 / step, 2, 1).csv());
        }
        rows.set(5, "6,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN");
        BufferedImage image = render(rows);
        assertInEachPanel(image, 4, LossCurvesTest::coloured, 1000);
        assertInEachPanel(image, 4, LossCurvesTest::dark, 200);
    }

    @Test
    void drawsASingleRowAsDotsAndAHeaderAloneAsEmptyPanels() throws IOException {
        BufferedImage one = render(List.of("1,-0.1,0.1,0.0,0.0,0.01,0.2,0.0,3.0,1.0"));
        assertInEachPanel(one, 3, LossCurvesTest::coloured, 20);
        assertInEachPanel(render(List.of()), 3, LossCurvesTest::dark, 200);
    }

    @Test
    void leavesOutALastLineStillBeingWritten() throws IOException {
        Path csv = dir.resolve("losses.csv");
        Files.writeString(csv, StepLosses.CSV_HEADER + "\n1,-0.1,0.1,0.0,0.0,0.01,0.2,0.0,3.0,1.0\n2,-0.2,0.");
        assertEquals(1, LossTable.read(csv).rows().size());
    }

    @Test
    void aMissingOrGarbledFileIsAnErrorNamingIt() throws IOException {
        assertRefused("missing.csv", null, "does not exist");
        assertRefused("notes.csv", "hello\n", "is not a losses CSV");
        assertRefused("garbled.csv", StepLosses.CSV_HEADER + "\n1,x,0,0,0,0,0,0,0,0\n2,0,0,0,0,0,0,0,0,0\n",
                "line 2: not a number");
        assertRefused("short.csv", StepLosses.CSV_HEADER + "\n1,2,3\n2,0,0,0,0,0,0,0,0,0\n", "line 2: 3 cells");
        assertRefused("narrow.csv", "step,wasserstein\n1,0.5\n", "has no column mismatch_gap");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".png")));
        }
    }

    /** Drawing file {@code name} holding {@code text} (none when null) fails with a message naming it. */
    private void assertRefused(String name, String text, String reason) throws IOException {
        Path csv = dir.resolve(name);
        if (text != null) {
            Files.writeString(csv, text);
        }
        Exception e = assertThrows(IllegalArgumentException.class, () -> LossCurves.write(csv, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains(csv.toString()) && e.getMessage().contains(reason), e::getMessage);
    }

    private BufferedImage render(List<String> rows) throws IOException {
        Path csv = dir.resolve("run/losses.csv");
        Files.createDirectories(csv.getParent());
        List<String> lines = new ArrayList<>(List.of(StepLosses.CSV_HEADER));
        lines.addAll(rows);
        Files.write(csv, lines);
        Path png = dir.resolve("out/losses.png");
        LossCurves.write(csv, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LossCurves.WIDTH, image.getWidth());
        assertEquals(LossCurves.HEIGHT, image.getHeight());
        return image;
    }

    /**
     * Each of {@code panels} equal horizontal bands below the heading holds more than {@code least} pixels of the
     * kind: {@link #dark} ones are text and ticks, {@link #coloured} ones curves.
     */
    private static void assertInEachPanel(BufferedImage image, int panels, IntPredicate kind, int least) {
        int top = 32;
        int band = (image.getHeight() - top - 44) / panels;
        for (int p = 0; p < panels; p++) {
            int count = 0;
            for (int y = top + p * band; y < top + (p + 1) * band; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    count += kind.test(image.getRGB(x, y)) ? 1 : 0;
                }
            }
            assertTrue(count > least, "panel " + p + " has only " + count + " such pixels");
        }
    }

    private static boolean dark(int rgb) {
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 128;
    }

    private static boolean coloured(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 50;
    }
}
