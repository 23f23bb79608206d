package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.Interpolation;
import picocli.CommandLine.Option;

/** What to ask for with each caption: samples, seed, and an optional interpolation target. */
final class CaptionOptions {

    @Option(names = "--samples", paramLabel = "N", description = "Poses per caption, 1-16.")
    int samples = 1;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the noise draws; absent means random.")
    Long seed;

    @Option(names = "--target", paramLabel = "CAPTION",
            description = "Interpolate from the caption to this one: each sample becomes a sequence of frames.")
    String target;

    @Option(names = "--frames", paramLabel = "N", description = "Frames of an interpolation, 2-60.")
    int frames = 8;

    /** The event for one caption. Limits are checked by the service, which dead-letters what breaks them. */
    CaptionEvent toEvent(String requestId, String caption) {
        return CaptionEvent.newBuilder()
                .setRequestId(requestId)
                .setCaption(caption)
                .setSamples(samples)
                .setSeed(seed)
                .setInterpolation(target == null ? null : new Interpolation(target, frames))
                .build();
    }
}
