package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRecordsTest {

    private static final long MS = 1_000_000L;
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void aFullBatchIsReadyAtOnceAndAPartialOneAfterTheWait() {
        PendingRecords pending = new PendingRecords(3, Duration.ofMillis(5));
        pending.add(List.of(record(0, 0), record(0, 1)), 100 * MS, 0L);
        assertFalse(pending.ready(100 * MS));
        assertEquals(Duration.ofMillis(3), pending.untilReady(102 * MS));
        assertTrue(pending.ready(105 * MS), "the first record waited the maximum");
        pending.add(List.of(record(1, 0), record(1, 1)), 101 * MS, 0L);
        assertTrue(pending.ready(101 * MS), "a full batch does not wait");

        Batch batch = pending.take();
        assertEquals(3, batch.size());
        assertEquals(1, pending.size());
        assertEquals(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(1)), batch.nextOffsets());
        assertEquals(Map.of(P0, 0L, P1, 0L), batch.firstOffsets());
        assertEquals(Map.of(P1, 1L), pending.firstOffsets());
    }

    @Test
    void aBudgetOfPosesMakesABatchReadyAtOnce() {
        PendingRecords pending = new PendingRecords(64, 960, Duration.ofMillis(5), r -> (int) r.offset() * 480 + 1);
        pending.add(List.of(record(0, 0)), 100 * MS, 0L);
        assertFalse(pending.ready(100 * MS));
        pending.add(List.of(record(1, 2)), 100 * MS, 0L);
        assertTrue(pending.ready(100 * MS), "962 poses wait");
        assertEquals(List.of(0L), pending.take().records().stream().map(ConsumerRecord::offset).toList(),
                "the heavy record does not fit beside the light one, which goes first");
        assertTrue(pending.ready(100 * MS), "the heavy record alone fills a batch");
        assertEquals(List.of(2L), pending.take().records().stream().map(ConsumerRecord::offset).toList());
    }

    @Test
    void withoutAWaitOneRecordIsABatchAtOnce() {
        PendingRecords pending = new PendingRecords(64, PipelineConfig.defaults().maxBatchWait());
        assertFalse(pending.ready(100 * MS), "nothing waits");
        pending.add(List.of(record(0, 0)), 100 * MS, 0L);
        assertTrue(pending.ready(100 * MS), "the default does not wait for company");
        assertEquals(Duration.ZERO, pending.untilReady(100 * MS));
    }

    @Test
    void eachRecordKeepsTheTimeOfItsOwnPoll() {
        PendingRecords pending = new PendingRecords(10, Duration.ZERO);
        pending.add(List.of(record(0, 0), record(0, 1)), 0, 1_000L);
        pending.add(List.of(record(1, 0)), 0, 2_000L);
        Batch batch = pending.take();
        assertEquals(List.of(0L, 1L, 0L), batch.records().stream().map(ConsumerRecord::offset).toList());
        assertEquals(List.of(1_000L, 1_000L, 2_000L), batch.polledMicros());
    }

    @Test
    void revokedPartitionsAreDropped() {
        PendingRecords pending = new PendingRecords(10, Duration.ZERO);
        pending.add(List.of(record(0, 5), record(1, 7), record(0, 6)), 0, 0L);
        pending.drop(List.of(P0));
        assertEquals(1, pending.size());
        assertEquals(Map.of(P1, 7L), pending.firstOffsets());
        pending.clear();
        assertTrue(pending.isEmpty());
        assertFalse(pending.ready(Long.MAX_VALUE));
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>("t", partition, offset, new byte[] {'k'}, new byte[0]);
    }
}
