package dev.text2pose.serving.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Checks at a fixed interval whether the pipeline has died ({@link CaptionPipeline#deathCause()}), and completes
 * {@link #death()} with the cause the first time it has, so that whoever runs the process can exit non-zero.
 */
public final class PipelineWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineWatchdog.class);

    private final CompletableFuture<String> death = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "text2pose-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param deathCause why the pipeline is dead, empty while it lives
     * @param interval   how often to check
     */
    public PipelineWatchdog(Supplier<Optional<String>> deathCause, Duration interval) {
        timer.scheduleWithFixedDelay(() -> deathCause.get().ifPresent(cause -> {
            if (death.complete(cause)) {
                LOG.error("The instance is dead: {}; /health/live answers 503 from now on", cause);
                timer.shutdown();
            }
        }), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the cause once the pipeline is found dead; never completes while it lives. */
    public CompletableFuture<String> death() {
        return death;
    }

    /** Stops checking (the service is stopping on purpose). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
