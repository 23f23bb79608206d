package dev.text2pose.serving.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread that runs the model, and the slot holding the model it runs.
 *
 * <p>Batches and model swaps go through the same single-thread queue, so a swap happens between two batches: no batch
 * sees two models, no record is dropped, and the retired model is closed while provably idle. Keeping inference off
 * the consumer's thread lets that thread keep polling (no {@code max.poll.interval.ms} eviction on a slow batch) and
 * publish one batch while the next is computed.
 */
public final class InferenceWorker implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "text2pose-inference");
        t.setDaemon(true);
        return t;
    });
    private volatile ServingModel current;

    /** @param initial the model to serve first; owned (and closed) by the worker from now on */
    public InferenceWorker(ServingModel initial) {
        this.current = initial;
    }

    /** The model serving now. */
    public ServingModel current() {
        return current;
    }

    /** Runs {@code work} on the inference thread with the model current when it starts. */
    public <T> CompletableFuture<T> submit(Function<ServingModel, T> work) {
        return CompletableFuture.supplyAsync(() -> work.apply(current), thread);
    }

    /**
     * Makes {@code next} the model of every batch that starts after the batch now running, then closes the old one.
     *
     * @return completes with {@code next}'s version once it serves
     */
    public CompletableFuture<String> swap(ServingModel next) {
        return CompletableFuture.supplyAsync(() -> {
            ServingModel old = current;
            current = next;
            old.close();
            return next.version();
        }, thread);
    }

    /** Lets the queued work finish, then closes the model. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        current.close();
    }
}
