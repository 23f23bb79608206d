package dev.text2pose.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What to generate: {@code samples} poses for a caption, or, with a target caption, {@code samples} sequences of
 * {@code frames} poses that move from the caption to the target.
 *
 * <p>A request that exists is valid: the constructor applies {@link RequestLimits}, so the generator never sees a
 * request it cannot serve and the service learns of bad input where it decodes it.
 *
 * @param caption       what the person is doing
 * @param samples       how many poses (or sequences), each from its own noise vector
 * @param seed          the noise of sample {@code i} depends only on this and {@code i}, so a request repeated
 *                      gives the same poses
 * @param targetCaption where an interpolation ends; empty for plain generation
 * @param frames        1 without a target; the number of interpolation steps, end points included, with one
 */
public record PoseRequest(String caption, int samples, long seed, Optional<String> targetCaption, int frames) {

    /** @throws IllegalArgumentException when a value breaks {@link RequestLimits} */
    public PoseRequest {
        Objects.requireNonNull(targetCaption, "targetCaption: use Optional.empty()");
        RequestLimits.check(caption, samples, targetCaption.orElse(null), frames);
    }

    /** A plain request: {@code samples} single poses for {@code caption}. */
    public static PoseRequest of(String caption, int samples, long seed) {
        return new PoseRequest(caption, samples, seed, Optional.empty(), RequestLimits.SINGLE_FRAME);
    }

    /** An interpolation from {@code caption} to {@code target} over {@code frames} frames. */
    public static PoseRequest interpolation(String caption, String target, int frames, int samples, long seed) {
        return new PoseRequest(caption, samples, seed, Optional.of(target), frames);
    }

    /** Generator rows this request needs: one per sample and frame. */
    public int rows() {
        return samples * frames;
    }
}
