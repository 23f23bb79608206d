package dev.text2pose.serving.bench;

import dev.text2pose.serving.pipeline.StageTimes;

import java.util.Optional;

/**
 * One answered request as the benchmark's reader saw it.
 *
 * @param sentNanos     when the load generator sent the caption ({@link System#nanoTime()})
 * @param receivedNanos when the reader received the pose ({@link System#nanoTime()})
 * @param sentMicros    the send on the wall clock, epoch microseconds (comparable with the service's stage times)
 * @param receivedMicros the receipt on the wall clock, epoch microseconds
 * @param queueWaitMs   the pose event's queue wait (caption timestamp to inference start)
 * @param stages        the service's stage times, from the pose record's header
 */
record Arrival(long sentNanos, long receivedNanos, long sentMicros, long receivedMicros, double queueWaitMs,
               Optional<StageTimes> stages) {
}
