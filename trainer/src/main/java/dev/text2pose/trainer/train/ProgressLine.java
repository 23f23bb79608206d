package dev.text2pose.trainer.train;

import java.io.PrintStream;

/**
 * The run's one line per interval, nanoGPT-style, on stderr: progress, running losses (means since the last line),
 * step times and the ETA at the current pace. For example:
 * <pre>
 * uncond 240/1800 13.3% | D -1.234 W 2.345 gap 0.000 gp 0.0123 |g| 0.98 | G 1.234 | 0.452 s/critic 0.171 s/gen
 * 2.43 s/step | 9m43s, ETA 1h03m
 * </pre>
 */
final class ProgressLine {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final double[] sums = new double[7];
    private double criticSeconds;
    private double generatorSeconds;
    private double stepSeconds;
    private int count;

    ProgressLine(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Adds one update to the running means; {@code seconds} is its whole wall time, bookkeeping included. */
    void add(StepLosses losses, double seconds) {
        double[] v = losses.values();
        for (int i = 0; i < v.length; i++) {
            sums[i] += v[i];
        }
        criticSeconds += losses.criticSeconds();
        generatorSeconds += losses.generatorSeconds();
        stepSeconds += seconds;
        count++;
    }

    /** Prints the line for {@code step} updates done and resets the running means. */
    void print(long step, double elapsedSeconds) {
        if (count == 0) {
            return;
        }
        double perStep = stepSeconds / count;
        out.printf("%s %d/%d %.1f%% | D %.3f W %.3f gap %.3f gp %.4f |g| %.2f | G %.3f%s | %.3f s/critic %.3f s/gen "
                        + "%.2f s/step | %s, ETA %s%n",
                label, step, total, 100.0 * step / Math.max(1, total), sums[0] / count, sums[1] / count,
                sums[2] / count, sums[3] / count, sums[4] / count, sums[5] / count,
                sums[6] == 0 ? "" : String.format(" vis %.3f", sums[6] / count), criticSeconds / count,
                generatorSeconds / count, perStep, duration(elapsedSeconds), duration((total - step) * perStep));
        out.flush();
        java.util.Arrays.fill(sums, 0);
        criticSeconds = 0;
        generatorSeconds = 0;
        stepSeconds = 0;
        count = 0;
    }

    /** {@code 1h03m}, {@code 9m43s} or {@code 12s}. */
    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
