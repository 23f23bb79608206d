package dev.text2pose.trainer.eval;

import dev.text2pose.model.Interpolation;
import dev.text2pose.pose.Pose;
import dev.text2pose.pose.SkeletonRenderer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's interpolation experiment as pictures: the noise fixed while the caption vector moves from one caption
 * to another in {@value #STEPS} steps, for the paper's three caption pairs; and one caption fixed while the noise
 * moves between two draws.
 *
 * <p>Caption vectors are interpolated linearly, as the service does ({@link Interpolation}). Noise is interpolated
 * spherically: the straight line between two standard normal vectors of 128 dimensions passes through vectors about
 * 0.7 times as long as any the generator saw in training, so a linear strip would show the norm dip, not the model.
 */
public final class InterpolationFigures {

    /** The authors' caption pairs (paper.md, "Interpolation"). */
    public static final List<List<String>> PAPER_PAIRS = List.of(
            List.of("The man is standing on the beach", "The man is holding a surfboard"),
            List.of("The woman is sitting behind a table", "The woman is eating a pizza"),
            List.of("The boy has a tennis racket in his hands", "The boy is going to serve the ball"));

    /** Frames per strip, from one end to the other inclusive. */
    public static final int STEPS = 5;

    private static final int CELL = 128;

    private final BundleGenerator generator;
    private final SkeletonRenderer renderer = new SkeletonRenderer();

    public InterpolationFigures(BundleGenerator generator) {
        this.generator = generator;
    }

    /**
     * One strip per caption pair, all with the same noise.
     *
     * @param pairVectors per pair, the two captions' raw vectors
     */
    public BufferedImage captionStrips(List<List<String>> pairs, List<float[][]> pairVectors, long noiseSeed) {
        float[] z = generator.noise(noiseSeed, 1)[0];
        float[] weights = Interpolation.weights(STEPS);
        List<List<Pose>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            float[][] text = new float[STEPS][];
            float[][] noise = new float[STEPS][];
            for (int s = 0; s < STEPS; s++) {
                text[s] = Interpolation.lerp(pairVectors.get(p)[0], pairVectors.get(p)[1], weights[s]);
                noise[s] = z;
            }
            rows.add(poses(generator.run(text, noise)));
            labels.add(pairs.get(p).get(0) + "  ->  " + pairs.get(p).get(1));
        }
        return renderer.grid(rows, labels, stepLabels(weights), CELL);
    }

    /** One strip for {@code caption}: the noise moves spherically between draws 0 and 1 of {@code noiseSeed}. */
    public BufferedImage noiseStrip(String caption, float[] vector, long noiseSeed) {
        float[][] ends = generator.noise(noiseSeed, 2);
        float[] weights = Interpolation.weights(STEPS);
        float[][] text = new float[STEPS][];
        float[][] noise = new float[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            text[s] = vector;
            noise[s] = slerp(ends[0], ends[1], weights[s]);
        }
        return renderer.grid(List.of(poses(generator.run(text, noise))),
                List.of(caption + "  (noise from draw 1 to draw 2)"), stepLabels(weights), CELL);
    }

    /** Spherical interpolation; falls back to linear when the two vectors are (nearly) parallel. */
    static float[] slerp(float[] from, float[] to, float alpha) {
        double dot = 0;
        double fromNorm = 0;
        double toNorm = 0;
        for (int i = 0; i < from.length; i++) {
            dot += from[i] * to[i];
            fromNorm += from[i] * from[i];
            toNorm += to[i] * to[i];
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(fromNorm * toNorm))));
        if (Math.sin(omega) < 1e-6) {
            return Interpolation.lerp(from, to, alpha);
        }
        double a = Math.sin((1 - alpha) * omega) / Math.sin(omega);
        double b = Math.sin(alpha * omega) / Math.sin(omega);
        float[] out = new float[from.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * from[i] + b * to[i]);
        }
        return out;
    }

    private static List<Pose> poses(PoseSet set) {
        List<Pose> poses = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            poses.add(set.toPose(i));
        }
        return poses;
    }

    private static List<String> stepLabels(float[] weights) {
        List<String> labels = new ArrayList<>();
        for (float w : weights) {
            labels.add(String.format("%.2f", w));
        }
        return labels;
    }
}
