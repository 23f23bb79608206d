package dev.text2pose.trainer.train;

import java.awt.Color;

/**
 * One line of a {@link LossCurves} panel: a loss column as written and its running mean.
 *
 * @param label  the legend's name for it
 * @param colour the running mean's colour; the raw values take a lighter one ({@link #light()})
 * @param raw    one value per row of the losses file, non-finite ones included
 * @param mean   per row, the mean of the finite values among the last {@code window} rows (NaN where none is)
 */
record CurveSeries(String label, Color colour, double[] raw, double[] mean) {

    /** {@code raw} and its trailing mean over {@code window} rows; non-finite values count in neither. */
    static CurveSeries of(String label, Color colour, double[] raw, int window) {
        double[] mean = new double[raw.length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < raw.length; i++) {
            if (Double.isFinite(raw[i])) {
                sum += raw[i];
                count++;
            }
            if (i >= window && Double.isFinite(raw[i - window])) {
                sum -= raw[i - window];
                count--;
            }
            mean[i] = count > 0 ? sum / count : Double.NaN;
        }
        return new CurveSeries(label, colour, raw, mean);
    }

    /** The colour two thirds of the way to white, for the raw values under the mean. */
    Color light() {
        return new Color((colour.getRed() + 510) / 3, (colour.getGreen() + 510) / 3, (colour.getBlue() + 510) / 3);
    }
}
