package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.serving.pipeline.InvalidRequestException;
import dev.text2pose.serving.pipeline.RequestValidator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.util.Optional;

/** What to ask for with each caption: samples, seed, and an optional interpolation target. */
final class CaptionOptions {

    /** The service's own rules, so that the command refuses exactly what the service would dead-letter. */
    private static final RequestValidator VALIDATOR = new RequestValidator();

    @Option(names = "--samples", paramLabel = "N", description = "Poses per caption, 1-16.")
    int samples = 1;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the noise draws; absent means random.")
    Long seed;

    @ArgGroup(exclusive = false)
    InterpolationOptions interpolation;

    /** A target and its frame count: {@code --frames} means nothing without {@code --target}. */
    static final class InterpolationOptions {

        @Option(names = "--target", paramLabel = "CAPTION", required = true,
                description = "Interpolate from the caption to this one: each sample becomes a sequence of frames.")
        String target;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "8", description = "Frames of an interpolation, 2-60; needs --target.")
        int frames;
    }

    /** The event for one caption, as asked; {@link #problem} says whether the service would serve it. */
    CaptionEvent toEvent(String requestId, String caption) {
        return CaptionEvent.newBuilder()
                .setRequestId(requestId)
                .setCaption(caption)
                .setSamples(samples)
                .setSeed(seed)
                .setInterpolation(interpolation == null ? null
                        : new Interpolation(interpolation.target, interpolation.frames))
                .build();
    }

    /** The target caption, if this is an interpolation. */
    Optional<String> target() {
        return Optional.ofNullable(interpolation).map(i -> i.target);
    }

    /** Why the service would dead-letter this event instead of serving it; empty when it would serve it. */
    static Optional<String> problem(CaptionEvent event) {
        try {
            VALIDATOR.validate(event);
            return Optional.empty();
        } catch (InvalidRequestException e) {
            return Optional.of(e.getMessage());
        }
    }
}
