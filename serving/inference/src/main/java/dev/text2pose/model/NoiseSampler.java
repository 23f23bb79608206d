package dev.text2pose.model;

import java.util.SplittableRandom;

/**
 * Deterministic standard normal noise for the generator: the noise of sample {@code i} of a request is a function
 * of the request's seed and {@code i} alone.
 *
 * <p>Per seed, a {@link SplittableRandom} is created and split once per sample, in sample order, so sample
 * {@code i} gets the {@code (i+1)}-th split. Asking for more samples therefore extends the list without changing
 * the first ones, and the rows of other requests in the same batch do not matter. SplittableRandom's algorithm
 * (SplitMix64) is specified by the JDK, unlike {@code nextGaussian}, whose method changed in Java 17; so normals
 * come from the Box-Muller transform over {@code nextDouble} computed with {@link StrictMath}, which gives the same
 * bits on every JVM and platform. Each uniform pair gives two normals; an odd dimension drops the last one.
 */
public final class NoiseSampler {

    private static final double TWO_PI = 2 * Math.PI;

    private final int dimension;

    /** @param dimension length of one noise vector, the bundle's {@code noiseDim} */
    public NoiseSampler(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("noise dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
    }

    /** The noise vectors of samples {@code 0..count-1} for {@code seed}. */
    public float[][] samples(long seed, int count) {
        SplittableRandom root = new SplittableRandom(seed);
        float[][] noise = new float[count][];
        for (int i = 0; i < count; i++) {
            noise[i] = gaussian(root.split());
        }
        return noise;
    }

    private float[] gaussian(SplittableRandom random) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i += 2) {
            // 1 - u lies in (0, 1], so the logarithm is finite.
            double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
            double angle = TWO_PI * random.nextDouble();
            vector[i] = (float) (radius * StrictMath.cos(angle));
            if (i + 1 < dimension) {
                vector[i + 1] = (float) (radius * StrictMath.sin(angle));
            }
        }
        return vector;
    }
}
