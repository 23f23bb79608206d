package dev.text2pose.trainer.train;

import java.util.SplittableRandom;

/**
 * Counter-based randomness: every draw of a run comes from a generator keyed by (seed, purpose, counter), e.g.
 * ({@code seed}, "critic", critic step 1234). Nothing random is carried from one step to the next, so the random
 * state of a run at step k is the number k itself: a resumed run draws exactly what the uninterrupted run would
 * have drawn, and no generator state needs to go into a checkpoint.
 *
 * <p>The keys are mixed with SplitMix64's finaliser (Steele et al.), and the purpose is keyed by
 * {@link String#hashCode()}, which the Java language specifies, so the streams are the same on every JVM.
 */
public final class RunRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private RunRandom() {
    }

    /** A fresh generator for draw number {@code counter} of {@code purpose} in the run seeded {@code seed}. */
    public static SplittableRandom at(long seed, String purpose, long counter) {
        return new SplittableRandom(derive(seed, purpose, counter));
    }

    /** A 64-bit seed for (seed, purpose, counter), e.g. for a network's initial weights. */
    public static long derive(long seed, String purpose, long counter) {
        long h = mix(seed + GOLDEN);
        h = mix(h ^ (purpose.hashCode() * GOLDEN));
        return mix(h + counter * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
