package dev.text2pose.trainer.export;

import dev.text2pose.pose.CocoKeypoints;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Per-keypoint presence thresholds fitted so that a generator marks each keypoint present as often as real poses
 * have it labelled, applied inside the exported graph so that every consumer keeps the bundle's one threshold.
 *
 * <p>Why: a keypoint's confidence is its heatmap's maximum over 64x64 pixels, and a generator does not draw
 * absent channels as clean zeros but as faint blobs whose peaks spread continuously over [0.1, 0.5]; one global
 * threshold then marks keypoints present far more often than real poses have them, and unevenly between
 * keypoints (the shipped model on the validation split: right knee 0.96 against 0.74 real, ears 0.83-0.85 against
 * 0.57-0.61).
 *
 * <p>The fit: for keypoint k with real rate r_k, the threshold t_k is the confidence that exactly a fraction r_k of
 * the generator's confidences exceed (an empirical quantile, clamped to [0.001, 0.999]). The graph then maps each
 * confidence c to {@code c^(ln T / ln t_k)}, T the bundle's threshold: monotone, 0 and 1 fixed, t_k to T, so
 * "c' > T" is "c > t_k" and the confidence stays in [0, 1] (it is clipped to [{@value #CLIP_MIN}, 1] first). Fit on the validation
 * split only; the test split stays untouched.
 *
 * @param thresholds per keypoint in COCO order, t_k
 * @param target     the bundle's presence threshold T that t_k is mapped to
 */
public record PresenceCalibration(float[] thresholds, float target) {

    /** The graph clips confidences to [CLIP_MIN, 1] before the power, so a negative maximum cannot give NaN. */
    static final float CLIP_MIN = 1e-6f;

    private static final float LOWEST = 1e-3f;
    private static final float HIGHEST = 0.999f;

    public PresenceCalibration {
        thresholds = thresholds.clone();
        if (thresholds.length != CocoKeypoints.COUNT) {
            throw new IllegalArgumentException("need " + CocoKeypoints.COUNT + " thresholds, got " + thresholds.length);
        }
        for (float t : thresholds) {
            if (!(t >= LOWEST && t <= HIGHEST)) {
                throw new IllegalArgumentException("thresholds must lie in [" + LOWEST + ", " + HIGHEST + "], got " + t);
            }
        }
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must lie in (0, 1), got " + target);
        }
    }

    /**
     * Fits the thresholds.
     *
     * @param confidences per generated pose, per keypoint, the uncalibrated confidence ({@code [n][17]})
     * @param realRates   per keypoint, the fraction of real poses that have it labelled
     * @param target      the bundle's presence threshold
     */
    public static PresenceCalibration fit(float[][] confidences, double[] realRates, float target) {
        int n = confidences.length;
        if (n == 0 || realRates.length != CocoKeypoints.COUNT) {
            throw new IllegalArgumentException("need generated poses and " + CocoKeypoints.COUNT + " real rates");
        }
        float[] thresholds = new float[CocoKeypoints.COUNT];
        float[] column = new float[n];
        for (int k = 0; k < thresholds.length; k++) {
            for (int i = 0; i < n; i++) {
                column[i] = confidences[i][k];
            }
            Arrays.sort(column);
            int absent = (int) Math.round((1 - realRates[k]) * n);
            float t = absent == 0 ? column[0] - 1e-6f : column[absent - 1]; // exactly n - absent values exceed it
            thresholds[k] = Math.min(HIGHEST, Math.max(LOWEST, t));
        }
        return new PresenceCalibration(thresholds, target);
    }

    @Override
    public float[] thresholds() {
        return thresholds.clone();
    }

    /** Per keypoint the exponent {@code ln T / ln t_k} the graph raises the clipped confidence to. */
    public float[] exponents() {
        float[] exponents = new float[thresholds.length];
        for (int k = 0; k < exponents.length; k++) {
            exponents[k] = (float) (Math.log(target) / Math.log(thresholds[k]));
        }
        return exponents;
    }

    /** The calibrated confidence of keypoint {@code k}, as the graph computes it. */
    public float apply(int k, float confidence) {
        double clipped = Math.min(1.0, Math.max(CLIP_MIN, confidence));
        return (float) Math.pow(clipped, exponents()[k]);
    }

    /** The thresholds as {@code name=t} pairs in COCO order: the bundle metadata's record of the calibration. */
    public String describe() {
        StringJoiner s = new StringJoiner(",");
        for (int k = 0; k < thresholds.length; k++) {
            s.add(CocoKeypoints.NAMES.get(k) + "=" + String.format(Locale.ROOT, "%.4f", thresholds[k]));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresenceCalibration other && Arrays.equals(thresholds, other.thresholds)
                && target == other.target;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(thresholds) + Float.hashCode(target);
    }

    @Override
    public String toString() {
        return "PresenceCalibration[" + describe() + " -> " + target + "]";
    }
}
