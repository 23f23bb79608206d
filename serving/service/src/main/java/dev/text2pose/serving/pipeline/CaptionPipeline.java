package dev.text2pose.serving.pipeline;

import dev.text2pose.serving.metrics.ServiceMetrics;
import dev.text2pose.serving.model.InferenceWorker;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's work loop, on the one thread that owns the consumer: {@code poll -> batch -> infer -> publish ->
 * commit}.
 *
 * <p><b>Batching.</b> Polled records wait in {@link PendingRecords} until a full batch is there or the first has waited
 * the maximum wait (none by default: a batch starts whenever the model is idle); the batch then goes to the {@link
 * InferenceWorker}, and while it is computed this thread publishes the batch before it (one batch in inference, one in
 * publication) and keeps polling; the inference's end wakes the poll up, so there is no busy polling and a finished
 * batch is seen at once. A batch holds at most the poses of one largest request (960),
 * and small requests pass heavy ones of other partitions (see {@link BatchComposer}), so a heavy request holds up
 * others by at most about its own cost.
 *
 * <p><b>Backpressure.</b> When the records held (waiting plus in inference) reach the in-flight bound, every assigned
 * partition is paused; they resume at half the bound. Unserved records wait in Kafka as consumer lag.
 *
 * <p><b>Delivery.</b> A batch's outputs and offsets are written by the {@link BatchPublisher} of the delivery mode.
 * A failed batch is classified by {@link PublishFailures}, and every partition is rewound to the first record not yet
 * committed, so it is served again: nothing is lost. A failure that retrying cannot fix, or one that persists past the
 * {@link RetryBudget}, ends {@link #run()} early, and {@link #deathCause()} says why.
 *
 * <p><b>Revocation and shutdown.</b> Before partitions are revoked, and when stopping, the batch in inference is
 * finished, published and committed; waiting records are dropped without being served, so their next owner serves
 * them once. A clean stop therefore creates no duplicates.
 */
public final class CaptionPipeline implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionPipeline.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final long STATE_REPORT_NANOS = 1_000_000_000L;
    private static final Duration READY_POLL_WINDOW = Duration.ofSeconds(30);

    /** The three topics the pipeline touches. */
    public record Topics(String captions, String poses, String deadLetters) {
    }

    private record InFlight(Batch batch, CompletableFuture<ProcessedBatch> result) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final BatchPublisher publisher;
    private final InferenceWorker worker;
    private final BatchProcessor processor;
    private final ServiceMetrics metrics;
    private final Topics topics;
    private final PendingRecords pending;
    private final int maxInFlight;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final RetryBudget retries = RetryBudget.standard();
    private final LoopLiveness liveness = new LoopLiveness();
    private InFlight inferring;
    private boolean paused;
    private long lastStateReport;
    private volatile boolean running = true;

    /**
     * @param consumer    a consumer configured by {@code KafkaClientProperties.consumer}; owned and closed by the
     *                    pipeline
     * @param publisher   writes batches in the delivery mode; owned and closed by the pipeline
     * @param worker      runs the model; shared with the model reloader, not closed here
     * @param maxBatch    most records per batch
     * @param maxWait     how long the first record of a batch waits for more
     * @param maxInFlight records held before the partitions are paused
     */
    public CaptionPipeline(Consumer<byte[], byte[]> consumer, BatchPublisher publisher, InferenceWorker worker,
                           BatchProcessor processor, ServiceMetrics metrics, Topics topics, int maxBatch,
                           Duration maxWait, int maxInFlight) {
        this.consumer = consumer;
        this.publisher = publisher;
        this.worker = worker;
        this.processor = processor;
        this.metrics = metrics;
        this.topics = topics;
        this.pending = new PendingRecords(maxBatch, CaptionCost.MAX_REQUEST_POSES, maxWait, new CaptionCost()::poses);
        this.maxInFlight = maxInFlight;
    }

    /**
     * Serves until {@link #stop()}; the batch in inference is published and committed before it returns. An error it
     * cannot recover from ends it early, logged and reported by {@link #deathCause()}.
     */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.captions()), new Rebalance());
            while (running) {
                step();
            }
            finishInFlight();
        } catch (RuntimeException e) {
            liveness.failed(e); // what deathCause() reports; the thread ends without a second stack trace
            LOG.error("Caption pipeline stopped by an error it cannot recover from", e);
        } catch (Error e) {
            liveness.failed(e);
            throw e;
        } finally {
            closeClients();
            LOG.info("Caption pipeline stopped after serving {} requests and dead-lettering {} records",
                    served.get(), deadLettered.get());
        }
    }

    /** Asks the loop to stop after the batch in flight; returns at once. */
    public void stop() {
        running = false;
    }

    /** Whether the loop runs and has polled Kafka in the last 30 s (a stuck loop turns this false). */
    public boolean isServing() {
        return running && liveness.pollingWithin(READY_POLL_WINDOW);
    }

    /**
     * Why the loop is dead and the process should be restarted: it stopped on an error, or has not polled for longer
     * than {@link LoopLiveness#MAX_POLL_GAP}. Empty while it lives.
     */
    public Optional<String> deathCause() {
        return liveness.deathCause();
    }

    /** Requests answered with a pose event so far. */
    public long servedCount() {
        return served.get();
    }

    /** Records sent to the dead-letter topic so far. */
    public long deadLetterCount() {
        return deadLettered.get();
    }

    private void step() {
        ConsumerRecords<byte[], byte[]> records = poll(pollTimeout());
        long now = System.nanoTime();
        liveness.polled();
        pending.add(records, now, StageTimes.nowMicros());
        ProcessedBatch done = takeFinished();
        if (inferring == null && pending.ready(now)) {
            dispatch();
        }
        if (done != null) {
            publish(done);
        }
        applyBackpressure();
        reportState();
    }

    /**
     * Polls, returning early with nothing when the batch in inference finishes ({@link #dispatch} asks the consumer
     * to wake up then). The poll keeps fetching while the model works, so the records that arrived meanwhile are at
     * hand when it is done; a wake-up that comes after the poll returned ends the next poll at once, harmlessly.
     */
    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            return ConsumerRecords.empty();
        }
    }

    /**
     * How long the next poll may wait: while a batch is in inference, until it is done (the wake-up ends the poll)
     * or the idle poll; otherwise until the waiting records make a batch, or the idle poll.
     */
    private Duration pollTimeout() {
        if (inferring != null) {
            return IDLE_POLL;
        }
        Duration untilReady = pending.untilReady(System.nanoTime());
        return untilReady.compareTo(IDLE_POLL) < 0 ? untilReady : IDLE_POLL;
    }

    private void dispatch() {
        Batch batch = pending.take();
        CompletableFuture<ProcessedBatch> result = worker.submit(model -> processor.process(batch, model));
        result.whenComplete((done, failure) -> consumer.wakeup()); // the one consumer method safe from any thread
        inferring = new InFlight(batch, result);
    }

    /** The batch whose inference has finished, if any; a batch whose inference broke is rewound. */
    private ProcessedBatch takeFinished() {
        if (inferring == null || !inferring.result().isDone()) {
            return null;
        }
        return awaitInference();
    }

    private ProcessedBatch awaitInference() {
        InFlight flight = inferring;
        inferring = null;
        try {
            return flight.result().join();
        } catch (CompletionException e) {
            LOG.error("Inference of a batch of {} broke; it will be served again", flight.batch().size(), e.getCause());
            metrics.batchRetried("inference");
            retryLater(flight.batch(), e.getCause());
            return null;
        }
    }

    /** Publishes and commits {@code done}; whether it was committed (if not, it will be served again). */
    private boolean publish(ProcessedBatch done) {
        PublishTimes times;
        try {
            times = publisher.publish(done, consumer);
        } catch (RuntimeException e) {
            PublishFailures.Action action = PublishFailures.classify(e);
            if (action == PublishFailures.Action.STOP) {
                throw new IllegalStateException("cannot publish to Kafka, and retrying cannot help: " + e, e);
            }
            LOG.warn("Publishing a batch of {} failed ({}); {} and serving it again", done.batch().size(), e, action);
            metrics.batchRetried(e.getClass().getSimpleName());
            publisher.recover(action);
            retryLater(done.batch(), e);
            return false;
        }
        retries.succeeded();
        served.addAndGet(done.poses());
        deadLettered.addAndGet(done.outgoing().size() - done.poses());
        metrics.batchCommitted(done.poses(), done.deadLetters(), done.servedTimestamps());
        metrics.batchPublished(times.acknowledgedNanos(), times.committedNanos());
        return true;
    }

    /** Rewinds to serve {@code failed} again after a pause, or stops when the retry budget is spent. */
    private void retryLater(Batch failed, Throwable cause) {
        rewind(failed.firstOffsets());
        Duration pause = retries.failed().orElseThrow(() -> new IllegalStateException("a batch failed "
                + retries.failures() + " times in a row; giving up (last failure: " + cause + ")", cause));
        if (running) { // when stopping, the batch is left to the partitions' next owner at once
            LOG.warn("Retrying the batch in {} ms (failed attempt {} of {})", pause.toMillis(), retries.failures(),
                    retries.maxAttempts());
            sleep(pause);
        }
    }

    /**
     * Publishes the batch in inference, if any: before partitions are revoked and before stopping. Whether nothing is
     * left uncommitted (false: the batch failed and will be served again).
     */
    private boolean finishInFlight() {
        if (inferring == null) {
            return true;
        }
        ProcessedBatch done = awaitInference();
        return done != null && publish(done);
    }

    /**
     * Seeks every owned partition back to the first record held but not committed (in {@code from}, in inference or
     * waiting), and forgets what was held: those records are polled and served again.
     */
    private void rewind(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> seekTo = new HashMap<>(from);
        if (inferring != null) {
            Batch abandoned = inferring.batch();
            inferring.result().exceptionally(e -> null).join();
            inferring = null;
            abandoned.firstOffsets().forEach((tp, offset) -> seekTo.merge(tp, offset, Math::min));
        }
        pending.firstOffsets().forEach((tp, offset) -> seekTo.merge(tp, offset, Math::min));
        pending.clear();
        Set<TopicPartition> owned = consumer.assignment();
        seekTo.forEach((tp, offset) -> {
            if (owned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    private void applyBackpressure() {
        int held = pending.size() + (inferring == null ? 0 : inferring.batch().size());
        if (held >= maxInFlight) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (paused && held <= maxInFlight / 2) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private void reportState() {
        long now = System.nanoTime();
        if (now - lastStateReport < STATE_REPORT_NANOS) {
            return;
        }
        lastStateReport = now;
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        int held = pending.size() + (inferring == null ? 0 : inferring.batch().size());
        metrics.consumerState(lag, held, consumer.paused().size());
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the consumer failed", e);
        }
        publisher.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs inside {@code poll} (and {@code close}) on the pipeline's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            boolean committed = finishInFlight();
            pending.drop(partitions);
            if (committed) {
                LOG.info("Partitions revoked after committing the batch in flight: {}", partitions);
            } else {
                LOG.warn("Partitions revoked; the batch in flight was not committed and will be served again: {}",
                        partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // The group moved on without us: our commits would be refused, so drop what we hold and re-read the rest.
            pending.drop(partitions);
            rewind(Map.of());
            LOG.warn("Partitions lost (this instance was out of the group): {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("Partitions assigned: {}", partitions);
            }
        }
    }
}
