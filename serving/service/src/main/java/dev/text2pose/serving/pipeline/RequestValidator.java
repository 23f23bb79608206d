package dev.text2pose.serving.pipeline;

import dev.text2pose.model.PoseRequest;
import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.Interpolation;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns a decoded {@link CaptionEvent} into a {@link PoseRequest}, or says which documented limit it breaks.
 *
 * <p>The numeric and length limits are {@link RequestLimits}, shared with the model; this class adds what only the
 * wire can get wrong: the request id, and text that was not valid UTF-8 (Avro decodes such bytes to U+FFFD instead of
 * failing, and a caption of replacement characters would be served as nonsense).
 */
public final class RequestValidator {

    /** Longest request id, in characters. */
    public static final int MAX_REQUEST_ID_CHARS = 200;

    private final SplittableRandom seeds = new SplittableRandom();

    /**
     * @throws InvalidRequestException naming the field and the limit it breaks
     */
    public PoseRequest validate(CaptionEvent event) {
        String requestId = event.getRequestId();
        if (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_CHARS) {
            throw new InvalidRequestException("requestId must be 1.." + MAX_REQUEST_ID_CHARS
                    + " non-blank characters, got " + requestId.length());
        }
        requireUtf8("caption", event.getCaption());
        Interpolation interpolation = event.getInterpolation();
        Optional<String> target = Optional.ofNullable(interpolation).map(Interpolation::getTargetCaption);
        target.ifPresent(t -> requireUtf8("targetCaption", t));
        int frames = interpolation == null ? RequestLimits.SINGLE_FRAME : interpolation.getFrames();
        long seed = event.getSeed() != null ? event.getSeed() : nextSeed();
        try {
            return new PoseRequest(event.getCaption(), event.getSamples(), seed, target, frames);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private synchronized long nextSeed() {
        return seeds.nextLong();
    }

    private static void requireUtf8(String field, String text) {
        if (text.indexOf('\uFFFD') >= 0) {
            throw new InvalidRequestException(field + " is not valid UTF-8");
        }
    }
}
