package dev.text2pose.serving.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * How often, and after which pauses, the pipeline tries a failing batch again: the pause doubles from the first to
 * the longest, and after the most attempts in a row the budget is spent and the pipeline stops, so an instance that
 * cannot make progress exits instead of retrying forever. A successful batch restores the budget. Not thread-safe: the
 * consumer's thread owns it.
 */
public final class RetryBudget {

    private final int maxAttempts;
    private final Duration firstPause;
    private final Duration longestPause;
    private int failures;

    /**
     * @param maxAttempts  failed attempts in a row before giving up
     * @param firstPause   pause after the first failure
     * @param longestPause longest pause
     */
    public RetryBudget(int maxAttempts, Duration firstPause, Duration longestPause) {
        if (maxAttempts < 1 || firstPause.isNegative() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("need at least one attempt and 0 <= first pause <= longest pause, got "
                    + maxAttempts + ", " + firstPause + ", " + longestPause);
        }
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
    }

    /**
     * The service's budget: 10 failed attempts in a row, pausing 0.5 s, 1 s, 2 s... up to 15 s between them (75.5 s
     * of pauses in all, plus the attempts): longer than a broker restart or a leader election, short enough that a
     * broken instance is soon restarted.
     */
    public static RetryBudget standard() {
        return new RetryBudget(10, Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    /** Records a failed attempt: the pause before the next one, or empty when the budget is spent. */
    public Optional<Duration> failed() {
        failures++;
        if (failures >= maxAttempts) {
            return Optional.empty();
        }
        Duration pause = firstPause.multipliedBy(1L << Math.min(failures - 1, 30));
        return Optional.of(pause.compareTo(longestPause) > 0 ? longestPause : pause);
    }

    /** Records a successful batch: the next failure starts again from the first pause. */
    public void succeeded() {
        failures = 0;
    }

    /** Failed attempts in a row so far. */
    public int failures() {
        return failures;
    }

    /** Failed attempts in a row after which the budget is spent. */
    public int maxAttempts() {
        return maxAttempts;
    }
}
