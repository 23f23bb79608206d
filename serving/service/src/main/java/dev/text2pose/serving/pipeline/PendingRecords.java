package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polled records waiting for a batch, in arrival order, with the dynamic batching rule.
 *
 * <p>A batch is ready when {@code maxBatch} records wait, or when the oldest has waited {@code maxWait} since it was
 * polled. Not thread-safe: the consumer's thread owns it.
 */
public final class PendingRecords {

    private record Waiting(ConsumerRecord<String, byte[]> record, long arrivedNanos) {
    }

    private final int maxBatch;
    private final long maxWaitNanos;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

    /**
     * @param maxBatch most records per batch
     * @param maxWait  how long the first record of a batch waits for company
     */
    public PendingRecords(int maxBatch, Duration maxWait) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Appends records polled at {@code nowNanos}. */
    public void add(Iterable<ConsumerRecord<String, byte[]>> records, long nowNanos) {
        for (ConsumerRecord<String, byte[]> record : records) {
            queue.addLast(new Waiting(record, nowNanos));
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
        return queue.size() >= maxBatch || (!queue.isEmpty() && nowNanos - queue.peekFirst().arrivedNanos() >= maxWaitNanos);
    }

    /** How long until {@link #ready} turns true by waiting alone; zero if it is ready, a day if nothing waits. */
    public Duration untilReady(long nowNanos) {
        if (queue.isEmpty()) {
            return Duration.ofDays(1);
        }
        return ready(nowNanos) ? Duration.ZERO
                : Duration.ofNanos(maxWaitNanos - (nowNanos - queue.peekFirst().arrivedNanos()));
    }

    /** Removes and returns the next batch: up to {@code maxBatch} records, oldest first. */
    public Batch take() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(Math.min(maxBatch, queue.size()));
        while (records.size() < maxBatch && !queue.isEmpty()) {
            records.add(queue.pollFirst().record());
        }
        return new Batch(records);
    }

    /** Forgets the records of partitions this instance no longer owns; their next owner reads them again. */
    public void drop(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        queue.removeIf(w -> gone.contains(new TopicPartition(w.record().topic(), w.record().partition())));
    }

    /** The lowest waiting offset of every partition: where to seek to read the waiting records again. */
    public Map<TopicPartition, Long> firstOffsets() {
        return lowest(queue.stream().map(Waiting::record).toList());
    }

    /** Forgets every waiting record. */
    public void clear() {
        queue.clear();
    }

    static Map<TopicPartition, Long> lowest(Collection<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            lowest.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return lowest;
    }
}
