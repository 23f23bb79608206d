package dev.text2pose.trainer.eval.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBootstrapTest {

    @Test
    void theIntervalHoldsTheEstimateAndShrinksWithMoreImages() {
        Interval few = new ImageBootstrap(50, 1000, 1).interval(ImageSums.perImage(values(50, 2)));
        Interval many = new ImageBootstrap(800, 1000, 1).interval(ImageSums.perImage(values(800, 2)));
        assertTrue(few.contains(few.estimate()) && many.contains(many.estimate()), few + " " + many);
        // The standard error falls as 1/sqrt(n): 4x narrower for 16x the images, give or take sampling.
        double ratio = few.halfWidth() / many.halfWidth();
        assertTrue(ratio > 3 && ratio < 5.5, "width ratio " + ratio);
    }

    @Test
    void theIntervalOfAMeanMatchesTheNormalApproximation() {
        // Uniform(0, 1) values: sd 1/sqrt(12); the 95% half-width of the mean of 400 is 1.96 * sd / 20.
        Interval interval = new ImageBootstrap(400, 2000, 3).interval(ImageSums.perImage(values(400, 4)));
        assertEquals(1.96 / Math.sqrt(12) / 20, interval.halfWidth(), 0.004);
    }

    @Test
    void aConstantMetricHasAZeroWidthInterval() {
        Interval interval = new ImageBootstrap(30, 200, 5).interval((resample, weights) -> 7.0);
        assertEquals(Interval.exact(7), interval);
    }

    @Test
    void perPoseSumsWeighImagesByTheirPoses() {
        // Image 0 has two units (1 and 3), image 1 one unit (8): the per-unit mean is 4, not (2 + 8) / 2.
        ImageSums sums = ImageSums.of(new double[] {1, 3, 8}, new int[] {0, 0, 1}, 2);
        assertArrayEquals(new double[] {4, 8}, sums.sum());
        assertEquals(4, sums.mean());
        assertEquals(8, sums.mean(new int[] {0, 2}), "a resample that drew image 1 twice");
        assertEquals(16 / 5.0, sums.mean(new int[] {2, 1}), 1e-12, "(2 * 4 + 8) / (2 * 2 + 1)");
    }

    @Test
    void theSameSeedDrawsTheSameResamples() {
        ImageSums sums = ImageSums.perImage(values(100, 6));
        assertEquals(new ImageBootstrap(100, 300, 9).interval(sums), new ImageBootstrap(100, 300, 9).interval(sums));
    }

    @Test
    void theStatisticSeesEveryImageOnceForTheEstimate() {
        Interval interval = new ImageBootstrap(10, 100, 2).interval((resample, weights) -> {
            int total = 0;
            for (int w : weights) {
                total += w;
            }
            return total;
        });
        assertEquals(10, interval.estimate());
        assertEquals(10, interval.low(), "a resample draws as many images as there are");
    }

    @Test
    void aShiftThatResamplingAloneCausesIsTakenOutOfTheInterval() {
        // The fraction of distinct images: 1 for the images as they are, about 1 - 1/e in every resample.
        ImageBootstrap bootstrap = new ImageBootstrap(400, 500, 7);
        Interval interval = bootstrap.interval((resample, weights) -> {
            int distinct = 0;
            for (int w : weights) {
                distinct += w > 0 ? 1 : 0;
            }
            return distinct / 400.0;
        });
        assertEquals(1.0, interval.estimate());
        assertEquals(-1 / Math.E, interval.shift(), 0.01, "a resample lacks about 1/e of the images");
        assertTrue(interval.contains(1.0) && interval.halfWidth() < 0.05, interval.toString());
    }

    @Test
    void anIntervalIsHeldInsideTheMetricsRange() {
        Interval pushed = new Interval(0.999, 0.993, 1.001, -0.0014).within(0, 1);
        assertEquals(new Interval(0.999, 0.993, 1.0, -0.0014), pushed);
        assertEquals(0, new Interval(0.01, -0.005, 0.03, 0.02).within(0, Double.POSITIVE_INFINITY).low());
    }

    @Test
    void eachResampleIsAskedForByItsIndexWithItsWeights() {
        ImageBootstrap bootstrap = new ImageBootstrap(20, 50, 8);
        bootstrap.interval((resample, weights) -> {
            assertArrayEquals(bootstrap.weights(resample), weights, "resample " + resample);
            return 0;
        });
        assertArrayEquals(new int[] {1, 1, 1}, new ImageBootstrap(3, 5, 1).weights(ImageBootstrap.ESTIMATE));
    }

    @Test
    void aPairedDifferenceRemovesTheSpreadTwoRowsShare() {
        // Row b is row a plus 0.01 on every image: their own intervals overlap almost entirely, the paired
        // difference is exactly -0.01 on every resample.
        ImageBootstrap bootstrap = new ImageBootstrap(200, 500, 4);
        double[] a = values(200, 5);
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.01;
        }
        Interval rowA = bootstrap.interval(ImageSums.perImage(a));
        Interval rowB = bootstrap.interval(ImageSums.perImage(b));
        assertTrue(rowA.contains(rowB.estimate()) && rowB.contains(rowA.estimate()), rowA + " " + rowB);
        Interval difference = rowA.minus(rowB);
        assertEquals(-0.01, difference.estimate(), 1e-12);
        assertEquals(-0.01, difference.low(), 1e-12);
        assertEquals(-0.01, difference.high(), 1e-12);
        // Unpaired noise of the same size does not vanish: another row with independent values keeps its spread.
        Interval other = bootstrap.interval(ImageSums.perImage(values(200, 6)));
        assertTrue(rowA.minus(other).halfWidth() > rowA.halfWidth(), rowA.minus(other).toString());
        assertThrows(IllegalArgumentException.class, () -> rowA.minus(Interval.exact(0.5)));
    }

    @Test
    void needsImagesAndResamples() {
        assertThrows(IllegalArgumentException.class, () -> new ImageBootstrap(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageBootstrap(10, 0, 1));
    }

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble();
        }
        return v;
    }
}
