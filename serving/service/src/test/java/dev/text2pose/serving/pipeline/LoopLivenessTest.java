package dev.text2pose.serving.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The liveness rule on a clock the test moves. */
class LoopLivenessTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LoopLiveness liveness = new LoopLiveness(Duration.ofSeconds(180), now::get);

    @Test
    void aLoopThatPollsLivesAndServes() {
        assertEquals(Optional.empty(), liveness.deathCause(), "alive from the start");
        assertFalse(liveness.pollingWithin(Duration.ofSeconds(30)), "not serving before the first poll");
        now.addAndGet(170 * SECOND);
        liveness.polled();
        now.addAndGet(170 * SECOND);
        assertEquals(Optional.empty(), liveness.deathCause());
        assertFalse(liveness.pollingWithin(Duration.ofSeconds(30)), "not ready after 170 s without a poll");
    }

    @Test
    void aLoopThatStopsPollingIsDead() {
        liveness.polled();
        assertTrue(liveness.pollingWithin(Duration.ofSeconds(30)));
        now.addAndGet(181 * SECOND);
        assertEquals(Optional.of("the pipeline has not polled Kafka for 181 s (the bound is 180 s)"),
                liveness.deathCause());
    }

    @Test
    void aLoopThatNeverPollsIsDeadAfterTheBound() {
        now.addAndGet(181 * SECOND);
        assertTrue(liveness.deathCause().isPresent());
    }

    @Test
    void aFailedLoopIsDeadAtOnce() {
        liveness.polled();
        liveness.failed(new IllegalStateException("cannot publish"));
        assertEquals(Optional.of("the pipeline stopped on java.lang.IllegalStateException: cannot publish"),
                liveness.deathCause());
        assertFalse(liveness.pollingWithin(Duration.ofSeconds(30)));
    }
}
