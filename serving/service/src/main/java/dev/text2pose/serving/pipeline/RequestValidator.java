package dev.text2pose.serving.pipeline;

import dev.text2pose.model.PoseRequest;
import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.Interpolation;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Turns a decoded {@link CaptionEvent} into a {@link PoseRequest}, or says which documented limit it breaks. The CLI
 * uses it too, so that a command refuses exactly what the service would dead-letter.
 *
 * <p>The caption limits are {@link RequestLimits}, shared with the model; this class adds the request id. Text that is
 * not valid UTF-8 never gets here: the codec refuses it as undecodable, so a correctly encoded U+FFFD is just text.
 */
public final class RequestValidator {

    /** Longest request id, in characters (code points, as captions are counted). */
    public static final int MAX_REQUEST_ID_CHARS = 200;

    private final SplittableRandom seeds = new SplittableRandom();

    /**
     * @throws InvalidRequestException naming the field and the limit it breaks
     */
    public PoseRequest validate(CaptionEvent event) {
        String requestId = event.getRequestId();
        int idChars = requestId.codePointCount(0, requestId.length());
        if (!RequestLimits.hasVisibleCharacter(requestId) || idChars > MAX_REQUEST_ID_CHARS) {
            throw new InvalidRequestException("requestId must be 1.." + MAX_REQUEST_ID_CHARS
                    + " characters with a visible one, got " + idChars);
        }
        Interpolation interpolation = event.getInterpolation();
        Optional<String> target = Optional.ofNullable(interpolation).map(Interpolation::getTargetCaption);
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
}
