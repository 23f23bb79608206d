package dev.text2pose.serving.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryBudgetTest {

    @Test
    void pausesDoubleUpToTheLongestThenTheBudgetIsSpent() {
        RetryBudget budget = new RetryBudget(6, Duration.ofMillis(500), Duration.ofSeconds(3));
        List<Optional<Duration>> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pauses.add(budget.failed());
        }
        assertEquals(List.of(Optional.of(Duration.ofMillis(500)), Optional.of(Duration.ofSeconds(1)),
                Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(3)),
                Optional.of(Duration.ofSeconds(3)), Optional.<Duration>empty()), pauses);
    }

    @Test
    void aSuccessRestoresTheBudget() {
        RetryBudget budget = new RetryBudget(2, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Optional.of(Duration.ofMillis(500)), budget.failed());
        budget.succeeded();
        assertEquals(0, budget.failures());
        assertEquals(Optional.of(Duration.ofMillis(500)), budget.failed());
        assertEquals(Optional.empty(), budget.failed());
    }

    @Test
    void theServiceBudgetIsBounded() {
        RetryBudget budget = RetryBudget.standard();
        Duration total = Duration.ZERO;
        for (Optional<Duration> pause = budget.failed(); pause.isPresent(); pause = budget.failed()) {
            total = total.plus(pause.get());
        }
        assertEquals(10, budget.failures());
        assertEquals(Duration.ofMillis(75_500), total, "0.5 + 1 + 2 + 4 + 8 + 4 x 15 s between 10 attempts");
    }

    @Test
    void rejectsANonsenseBudget() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryBudget(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
