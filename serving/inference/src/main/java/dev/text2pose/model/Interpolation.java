package dev.text2pose.model;

/**
 * Linear interpolation of text vectors, as in the paper's interpolation experiment: the noise of a sample stays
 * fixed while its text vector moves from the caption's to the target's.
 *
 * <p>The raw encoder vectors are interpolated, not renormalised: the exported graph scales whatever it is given,
 * and the midpoint of two unit vectors being shorter is part of what the experiment shows.
 */
public final class Interpolation {

    private Interpolation() {
    }

    /**
     * The weight of the target at each frame: {@code f / (frames - 1)}, so frame 0 is the caption exactly and the
     * last frame the target exactly. One frame has weight 0.
     */
    public static float[] weights(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be positive, got " + frames);
        }
        float[] weights = new float[frames];
        for (int f = 1; f < frames; f++) {
            weights[f] = (float) f / (frames - 1);
        }
        return weights;
    }

    /** {@code (1 - alpha) * from + alpha * to}, element-wise, as a new array. */
    public static float[] lerp(float[] from, float[] to, float alpha) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("vectors differ in length: " + from.length + " vs " + to.length);
        }
        float[] out = new float[from.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - alpha) * from[i] + alpha * to[i];
        }
        return out;
    }
}
