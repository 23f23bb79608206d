package dev.text2pose.serving.model;

import dev.text2pose.serving.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Hot reload: checks the {@link BundleLocation} at a fixed interval, and when it shows a new file, loads it, checks it
 * with {@link BundleProbe} and swaps it in between two batches ({@link InferenceWorker#swap}). A bundle that fails to
 * load or fails the probe is refused and logged; the old model keeps serving, and the refused file is not retried
 * until it changes. Loading and probing run on this class's own thread, next to the serving one.
 */
public final class ModelReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReloader.class);

    private final BundleLocation location;
    private final Function<Path, ServingModel> loader;
    private final InferenceWorker worker;
    private final ServiceMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "text2pose-model-reloader");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<BundleLocation.Seen> lastSeen;

    /**
     * @param serving what the location showed when the serving model was loaded
     * @param loader  loads a bundle file into a model (not yet probed)
     */
    public ModelReloader(BundleLocation location, Optional<BundleLocation.Seen> serving,
                         Function<Path, ServingModel> loader, InferenceWorker worker, ServiceMetrics metrics) {
        this.location = location;
        this.lastSeen = serving;
        this.loader = loader;
        this.worker = worker;
        this.metrics = metrics;
    }

    /** Starts checking every {@code interval}. */
    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for new model bundles every {}", location.watched(), interval);
    }

    /**
     * Checks once: loads, probes and swaps in a new bundle if the location shows one.
     *
     * @return whether a new model now serves
     */
    public boolean checkNow() {
        Optional<BundleLocation.Seen> now = location.current();
        if (now.isEmpty() || now.equals(lastSeen)) {
            return false;
        }
        lastSeen = now;
        Path file = now.get().path();
        ServingModel candidate = null;
        try {
            candidate = loader.apply(file);
            BundleProbe.check(candidate);
            String old = worker.current().version();
            String version = worker.swap(candidate).join();
            metrics.modelReloaded(true, worker.current());
            LOG.info("Model {} from {} now serves (was {})", version, file, old);
            return true;
        } catch (RuntimeException e) {
            if (candidate != null && worker.current() != candidate) {
                candidate.close();
            }
            metrics.modelReloaded(false, worker.current());
            LOG.error("Refused model bundle {}; {} keeps serving: {}", file, worker.current().version(),
                    e.getMessage(), e);
            return false;
        }
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("Checking {} for a new model failed", location.watched(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
