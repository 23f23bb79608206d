package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Batch composition by cost: one batch, then sequences of batches as the pipeline takes them. */
class BatchComposerTest {

    private static final int HEAVY = 960;
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void smallRequestsAloneAreBatchedInArrivalOrderUpToTheRecordLimit() {
        List<BatchComposer.Item> waiting = List.of(item(P0, 1), item(P1, 1), item(P0, 1), item(P1, 1));
        assertEquals(List.of(0, 1, 2), BatchComposer.compose(waiting, 3, HEAVY, false));
    }

    @Test
    void smallRequestsPassAHeavyOneOfAnotherPartition() {
        List<BatchComposer.Item> waiting = List.of(item(P0, HEAVY), item(P1, 1), item(P1, 16));
        assertEquals(List.of(1, 2), BatchComposer.compose(waiting, 64, HEAVY, false));
        assertEquals(List.of(0), BatchComposer.compose(waiting, 64, HEAVY, true), "the passed-over oldest goes next");
    }

    @Test
    void aPartitionIsTakenInOrderWithoutGaps() {
        List<BatchComposer.Item> waiting = List.of(item(P0, 1), item(P0, HEAVY), item(P0, 1), item(P1, 1));
        assertEquals(List.of(0, 3), BatchComposer.compose(waiting, 64, HEAVY, false),
                "the small record behind the heavy one waits for it");
    }

    @Test
    void aRecordOverTheBudgetGoesAlone() {
        List<BatchComposer.Item> waiting = List.of(item(P0, 2000), item(P1, 1));
        assertEquals(List.of(1), BatchComposer.compose(waiting, 64, HEAVY, false));
        assertEquals(List.of(0), BatchComposer.compose(waiting, 64, HEAVY, true));
    }

    /** Issue 12's case: 4 heavy requests, then 10 small ones on another partition. */
    @Test
    void smallRequestsBehindHeavyOnesWaitForNoneOfThem() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(record(0, i, "heavy-" + i));
        }
        for (int i = 0; i < 10; i++) {
            records.add(record(1, i, "small-" + i));
        }
        assertEquals(List.of(List.of("small-0", "small-1", "small-2", "small-3", "small-4", "small-5", "small-6",
                        "small-7", "small-8", "small-9"), List.of("heavy-0"), List.of("heavy-1"), List.of("heavy-2"),
                List.of("heavy-3")), batches(records));
    }

    /** Under a steady mix, heavy and small batches alternate: neither kind starves. */
    @Test
    void heavyAndSmallBatchesAlternate() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record(0, i, "heavy-" + i));
            records.add(record(1, 2 * i, "small-" + 2 * i));
            records.add(record(1, 2 * i + 1, "small-" + (2 * i + 1)));
        }
        assertEquals(List.of(List.of("small-0", "small-1", "small-2", "small-3", "small-4", "small-5"),
                List.of("heavy-0"), List.of("heavy-1"), List.of("heavy-2")), batches(records));
        PendingRecords pending = pending();
        pending.add(records.subList(0, 3), 0, 0L);
        assertEquals(List.of("small-0", "small-1"), keys(pending.take()));
        pending.add(records.subList(3, 6), 0, 0L);
        assertEquals(List.of("heavy-0"), keys(pending.take()), "the passed-over heavy request goes next");
        assertEquals(List.of("small-2", "small-3"), keys(pending.take()));
        assertEquals(List.of("heavy-1"), keys(pending.take()));
    }

    private static List<List<String>> batches(List<ConsumerRecord<byte[], byte[]>> records) {
        PendingRecords pending = pending();
        pending.add(records, 0, 0L);
        List<List<String>> batches = new ArrayList<>();
        while (!pending.isEmpty()) {
            batches.add(keys(pending.take()));
        }
        return batches;
    }

    private static PendingRecords pending() {
        return new PendingRecords(64, HEAVY, Duration.ZERO, r -> key(r).startsWith("heavy") ? HEAVY : 1);
    }

    private static List<String> keys(Batch batch) {
        return batch.records().stream().map(BatchComposerTest::key).toList();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static BatchComposer.Item item(TopicPartition partition, int poses) {
        return new BatchComposer.Item(partition, poses);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, String key) {
        return new ConsumerRecord<>("t", partition, offset, key.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
}
