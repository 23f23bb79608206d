package dev.text2pose.trainer.flow;

/**
 * The network's view of the flow time t in [0, 1]: {@value #FREQUENCIES} sines then {@value #FREQUENCIES} cosines of
 * {@code t * f}, with f geometric from 1 to {@value #MAX_FREQUENCY} rad, so both the coarse position along the path
 * and the small differences between a sampler's steps are visible. Computed in Java for training, and as constants
 * in the exported graph, whose steps are fixed.
 */
public final class FlowTime {

    /** Sine (and cosine) frequencies. */
    public static final int FREQUENCIES = 16;

    /** Length of the feature vector. */
    public static final int DIM = 2 * FREQUENCIES;

    private static final double MAX_FREQUENCY = 100.0;

    private FlowTime() {
    }

    /** The features of one time. */
    public static float[] features(double t) {
        float[] out = new float[DIM];
        write(t, out, 0);
        return out;
    }

    /** Writes the features of {@code t} into {@code out} from {@code offset}. */
    public static void write(double t, float[] out, int offset) {
        for (int j = 0; j < FREQUENCIES; j++) {
            double angle = t * Math.pow(MAX_FREQUENCY, j / (double) (FREQUENCIES - 1));
            out[offset + j] = (float) Math.sin(angle);
            out[offset + FREQUENCIES + j] = (float) Math.cos(angle);
        }
    }
}
