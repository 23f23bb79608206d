package dev.text2pose.pose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkeletonRendererTest {

    private static final int SIZE = 200;
    /** Where the renderer puts normalised coordinate {@code v}: an 8% margin each side. */
    private static final double MARGIN = SIZE * 0.08;

    private final SkeletonRenderer renderer = new SkeletonRenderer();

    @Test
    void drawsALeftLimbInTheLeftColourAndLeavesOutWhatTouchesAnAbsentKeypoint() {
        List<Keypoint> keypoints = absentEverywhere();
        keypoints.set(5, new Keypoint(0.5f, 0.2f, 0.9f, true));   // left shoulder
        keypoints.set(7, new Keypoint(0.5f, 0.5f, 0.9f, true));   // left elbow
        keypoints.set(9, new Keypoint(0.5f, 0.8f, 0.1f, false));  // left wrist, absent
        BufferedImage image = renderer.render(new Pose(keypoints), SIZE);

        assertTrue(hasColourNear(image, pixel(0.5), pixel(0.35), SkeletonRenderer.LEFT), "shoulder-elbow edge");
        assertTrue(isWhiteAround(image, pixel(0.5), pixel(0.65)), "elbow-wrist edge is left out");
        assertTrue(isWhiteAround(image, pixel(0.5), pixel(0.8)), "absent wrist is not drawn");
        assertFalse(hasColour(image, SkeletonRenderer.RIGHT));
        assertFalse(hasColour(image, SkeletonRenderer.CENTRE));
    }

    @Test
    void rightAndAcrossTheBodyHaveTheirOwnColours() {
        List<Keypoint> keypoints = absentEverywhere();
        keypoints.set(5, new Keypoint(0.7f, 0.2f, 0.9f, true));   // left shoulder (on the image's right)
        keypoints.set(6, new Keypoint(0.3f, 0.2f, 0.9f, true));   // right shoulder
        keypoints.set(8, new Keypoint(0.3f, 0.5f, 0.9f, true));   // right elbow
        BufferedImage image = renderer.render(new Pose(keypoints), SIZE);

        assertTrue(hasColourNear(image, pixel(0.3), pixel(0.35), SkeletonRenderer.RIGHT), "right upper arm");
        assertTrue(hasColourNear(image, pixel(0.5), pixel(0.2), SkeletonRenderer.CENTRE), "shoulder line");
    }

    @Test
    void edgeColoursFollowTheSidesOfTheirEnds() {
        assertEquals(SkeletonRenderer.CENTRE, SkeletonRenderer.edgeColour(5, 6));
        assertEquals(SkeletonRenderer.CENTRE, SkeletonRenderer.edgeColour(11, 12));
        assertEquals(SkeletonRenderer.LEFT, SkeletonRenderer.edgeColour(0, 1));
        assertEquals(SkeletonRenderer.RIGHT, SkeletonRenderer.edgeColour(0, 2));
        assertEquals(SkeletonRenderer.LEFT, SkeletonRenderer.edgeColour(15, 13));
        assertEquals(SkeletonRenderer.RIGHT, SkeletonRenderer.edgeColour(16, 14));
    }

    @Test
    void aPoseWithNothingPresentIsABlankImage() {
        BufferedImage image = renderer.render(new Pose(absentEverywhere()), 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(Color.WHITE.getRGB(), image.getRGB(x, y));
            }
        }
    }

    @Test
    void aGridHasLabelBandsAndOneCellPerPoseAndSurvivesAPngRoundTrip(@TempDir Path dir) throws Exception {
        Pose standing = standing();
        List<List<Pose>> rows = List.of(List.of(standing, standing, standing), List.of(standing));
        BufferedImage grid = renderer.grid(rows, List.of("a person standing", "b"),
                List.of("seed 1", "seed 2", "seed 3"), 96);
        assertEquals(3 * 96, grid.getWidth());
        int band = (grid.getHeight() - 2 * 96) / 3;
        assertTrue(band > 10, "a label band per row plus the header: " + band);
        assertTrue(hasColourIn(grid, 0, 0, grid.getWidth(), band, c -> c != Color.WHITE.getRGB()), "column labels drawn");
        assertTrue(hasColourIn(grid, 0, band, grid.getWidth(), band, c -> c != Color.WHITE.getRGB()), "row label drawn");
        assertFalse(hasColourIn(grid, 97, 3 * band + 96, 2 * 96 - 1, 96, c -> c != Color.WHITE.getRGB()),
                "the short second row leaves its missing cells empty");

        Path png = dir.resolve("figures/grid.png");
        SkeletonRenderer.writePng(grid, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(grid.getWidth(), read.getWidth());
        assertEquals(grid.getRGB(48, band + band + 48), read.getRGB(48, band + band + 48));
    }

    @Test
    void aRowLabelTooLongForOneLineIsWrappedAndTheBandGrowsToHoldIt() {
        List<List<Pose>> rows = List.of(List.of(standing()));
        int oneLine = renderer.grid(rows, List.of("a man"), List.of(), 256).getHeight();
        BufferedImage wrapped = renderer.grid(rows,
                List.of("a man swinging a tennis racket -> a man standing on a beach  [sample 12]"), List.of(), 256);
        assertTrue(wrapped.getHeight() > oneLine, "the label band holds more lines: " + wrapped.getHeight()
                + " px vs " + oneLine + " px");
        assertTrue(hasColourIn(wrapped, 0, (wrapped.getHeight() - 256) / 2, 256, 8, c -> c != Color.WHITE.getRGB()),
                "the label's later lines are drawn too");
    }

    private static Pose standing() {
        List<Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            float side = CocoKeypoints.isLeft(i) ? 0.6f : CocoKeypoints.isRight(i) ? 0.4f : 0.5f;
            keypoints.add(new Keypoint(side, 0.05f + i * 0.05f, 0.9f, true));
        }
        return new Pose(keypoints);
    }

    private static List<Keypoint> absentEverywhere() {
        List<Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            keypoints.add(new Keypoint(0.5f, 0.5f, 0.05f, false));
        }
        return keypoints;
    }

    private static int pixel(double normalised) {
        return (int) (MARGIN + normalised * (SIZE - 2 * MARGIN));
    }

    private static boolean hasColourNear(BufferedImage image, int x, int y, Color colour) {
        return hasColourIn(image, x - 1, y - 1, 3, 3, c -> c == colour.getRGB());
    }

    private static boolean isWhiteAround(BufferedImage image, int x, int y) {
        return !hasColourIn(image, x - 3, y - 3, 7, 7, c -> c != Color.WHITE.getRGB());
    }

    private static boolean hasColour(BufferedImage image, Color colour) {
        return hasColourIn(image, 0, 0, image.getWidth(), image.getHeight(), c -> c == colour.getRGB());
    }

    private static boolean hasColourIn(BufferedImage image, int left, int top, int width, int height,
                                       IntPredicate test) {
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                if (test.test(image.getRGB(x, y))) {
                    return true;
                }
            }
        }
        return false;
    }
}
