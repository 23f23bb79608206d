package dev.text2pose.serving.testkit;

import java.time.Duration;

/** Waits for a condition instead of sleeping a fixed time, so a test is as fast as the machine and never too early. */
public final class Await {

    /** A condition that may throw (e.g. an HTTP call). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
     */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " in vain for " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
