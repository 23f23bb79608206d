package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Chooses the next batch among waiting records, so that a heavy request does not hold up small ones behind it.
 *
 * <ul>
 *   <li>A batch holds at most {@code maxPoses} poses (a single record larger than that goes alone), so one batch's
 *       inference costs at most about one largest request.</li>
 *   <li>Within a partition, records are taken in offset order and without gaps, since a commit covers every offset
 *       below it: a partition whose next record does not fit is closed for this batch.</li>
 *   <li>Across partitions, the cheapest next record goes first (arrival order among equals), so small requests pass
 *       a heavy one at the head of another partition.</li>
 *   <li>So that a heavy record is not passed forever, the batch after one that passed over the oldest waiting record
 *       starts with the oldest: heavy and small batches alternate under load.</li>
 * </ul>
 *
 * A request with nothing heavy ahead of it in its partition therefore waits for the batch in inference and at most one
 * more. Pure logic.
 */
final class BatchComposer {

    /** A waiting record as the composer sees it. */
    record Item(TopicPartition partition, int poses) {
    }

    private BatchComposer() {
    }

    /**
     * @param waiting     records in arrival order
     * @param oldestFirst whether the batch must start with the oldest record ({@code waiting.get(0)})
     * @return the positions in {@code waiting} of the records of the next batch, ascending
     */
    static List<Integer> compose(List<Item> waiting, int maxRecords, int maxPoses, boolean oldestFirst) {
        Map<TopicPartition, ArrayDeque<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < waiting.size(); i++) {
            byPartition.computeIfAbsent(waiting.get(i).partition(), p -> new ArrayDeque<>()).add(i);
        }
        PriorityQueue<Integer> heads = new PriorityQueue<>(
                Comparator.comparingInt((Integer i) -> waiting.get(i).poses()).thenComparingInt(i -> i));
        List<Integer> chosen = new ArrayList<>();
        int poses = 0;
        if (oldestFirst && !waiting.isEmpty()) {
            poses += take(0, waiting, byPartition, chosen, null);
        }
        byPartition.values().forEach(queue -> {
            if (!queue.isEmpty()) {
                heads.add(queue.peekFirst());
            }
        });
        while (!heads.isEmpty() && chosen.size() < maxRecords) {
            int next = heads.poll();
            if (chosen.isEmpty() || poses + waiting.get(next).poses() <= maxPoses) {
                poses += take(next, waiting, byPartition, chosen, heads);
            }
        }
        chosen.sort(Comparator.naturalOrder());
        return chosen;
    }

    /** Moves {@code i}, the head of its partition, into the batch; its successor becomes a head. Returns its poses. */
    private static int take(int i, List<Item> waiting, Map<TopicPartition, ArrayDeque<Integer>> byPartition,
                            List<Integer> chosen, PriorityQueue<Integer> heads) {
        ArrayDeque<Integer> queue = byPartition.get(waiting.get(i).partition());
        queue.pollFirst();
        chosen.add(i);
        if (heads != null && !queue.isEmpty()) {
            heads.add(queue.peekFirst());
        }
        return waiting.get(i).poses();
    }
}
