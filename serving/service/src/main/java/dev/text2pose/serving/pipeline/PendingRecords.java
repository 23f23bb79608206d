package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Polled records waiting for a batch, in arrival order, with the dynamic batching rule.
 *
 * <p>A batch is ready when {@code maxBatch} records or {@code maxPoses} poses wait, or when the oldest has waited
 * {@code maxWait} since it was polled. Which records form it is {@link BatchComposer}'s rule: at most {@code maxBatch}
 * records and {@code maxPoses} poses, small requests before heavy ones of other partitions. Not thread-safe: the
 * consumer's thread owns it.
 */
public final class PendingRecords {

    private record Waiting(ConsumerRecord<byte[], byte[]> record, long arrivedNanos, long polledMicros, int poses) {
    }

    private final int maxBatch;
    private final int maxPoses;
    private final long maxWaitNanos;
    private final ToIntFunction<ConsumerRecord<byte[], byte[]>> cost;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private long posesWaiting;
    private boolean oldestPassedOver;

    /** Batches of at most {@code maxBatch} records, each costing one pose. */
    public PendingRecords(int maxBatch, Duration maxWait) {
        this(maxBatch, maxBatch, maxWait, record -> 1);
    }

    /**
     * @param maxBatch most records per batch
     * @param maxPoses most poses per batch (a single record costing more goes alone)
     * @param maxWait  how long the first record of a batch waits for company
     * @param cost     the poses a record asks for, at least 1
     */
    public PendingRecords(int maxBatch, int maxPoses, Duration maxWait,
                          ToIntFunction<ConsumerRecord<byte[], byte[]>> cost) {
        if (maxBatch < 1 || maxPoses < 1) {
            throw new IllegalArgumentException("maxBatch and maxPoses must be positive, got " + maxBatch + " and "
                    + maxPoses);
        }
        this.maxBatch = maxBatch;
        this.maxPoses = maxPoses;
        this.maxWaitNanos = maxWait.toNanos();
        this.cost = cost;
    }

    /** Appends records polled at {@code nowNanos} ({@link System#nanoTime()}), {@code nowMicros} on the wall clock. */
    public void add(Iterable<ConsumerRecord<byte[], byte[]>> records, long nowNanos, long nowMicros) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Waiting waiting = new Waiting(record, nowNanos, nowMicros, cost.applyAsInt(record));
            queue.addLast(waiting);
            posesWaiting += waiting.poses();
        }
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether a batch should start now. */
    public boolean ready(long nowNanos) {
        return queue.size() >= maxBatch || posesWaiting >= maxPoses
                || (!queue.isEmpty() && nowNanos - queue.peekFirst().arrivedNanos() >= maxWaitNanos);
    }

    /** How long until {@link #ready} turns true by waiting alone; zero if it is ready, a day if nothing waits. */
    public Duration untilReady(long nowNanos) {
        if (queue.isEmpty()) {
            return Duration.ofDays(1);
        }
        return ready(nowNanos) ? Duration.ZERO
                : Duration.ofNanos(maxWaitNanos - (nowNanos - queue.peekFirst().arrivedNanos()));
    }

    /** Removes and returns the next batch, as {@link BatchComposer} chooses it. */
    public Batch take() {
        List<Waiting> waiting = new ArrayList<>(queue);
        List<Integer> chosen = BatchComposer.compose(waiting.stream()
                .map(w -> new BatchComposer.Item(partition(w), w.poses())).toList(), maxBatch, maxPoses,
                oldestPassedOver);
        oldestPassedOver = !waiting.isEmpty() && (chosen.isEmpty() || chosen.get(0) != 0);
        Set<Waiting> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        chosen.forEach(i -> taken.add(waiting.get(i)));
        queue.removeIf(taken::contains);
        taken.forEach(w -> posesWaiting -= w.poses());
        return new Batch(chosen.stream().map(i -> waiting.get(i).record()).toList(),
                chosen.stream().map(i -> waiting.get(i).polledMicros()).toList());
    }

    /** Forgets the records of partitions this instance no longer owns; their next owner reads them again. */
    public void drop(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        queue.removeIf(w -> gone.contains(partition(w)));
        posesWaiting = queue.stream().mapToLong(Waiting::poses).sum();
    }

    /** The lowest waiting offset of every partition: where to seek to read the waiting records again. */
    public Map<TopicPartition, Long> firstOffsets() {
        return lowest(queue.stream().map(Waiting::record).toList());
    }

    /** Forgets every waiting record. */
    public void clear() {
        queue.clear();
        posesWaiting = 0;
    }

    private static TopicPartition partition(Waiting waiting) {
        return new TopicPartition(waiting.record().topic(), waiting.record().partition());
    }

    static Map<TopicPartition, Long> lowest(Collection<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            lowest.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return lowest;
    }
}
