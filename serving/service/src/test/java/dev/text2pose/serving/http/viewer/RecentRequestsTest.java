package dev.text2pose.serving.http.viewer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentRequestsTest {

    @Test
    void theFirstAnswerSetsLatencyAndVersionAndDuplicatesAreIgnored() {
        RecentRequests requests = new RecentRequests(10);
        requests.submitted("a", "a dog", Optional.empty(), 1, 1_000_000L);
        assertTrue(requests.awaits("a"));
        RecentRequests.Entry answered = requests.answer("a", 251_000_000L, "v1").orElseThrow();
        assertEquals(250.0, answered.latencyMs().orElseThrow(), 1e-9);
        assertEquals(Optional.of("v1"), answered.modelVersion());
        assertFalse(requests.awaits("a"), "answered once");
        assertEquals(Optional.empty(), requests.answer("a", 300_000_000L, "v1"), "a redelivered pose is not news");
        assertEquals(Optional.empty(), requests.answer("stranger", 1L, "v1"), "someone else's request");
    }

    @Test
    void onlyTheNewestAreRemembered() {
        RecentRequests requests = new RecentRequests(2);
        for (String id : List.of("a", "b", "c")) {
            requests.submitted(id, "caption " + id, Optional.empty(), 1, 0L);
        }
        assertEquals(List.of("b", "c"), requests.snapshot().stream().map(RecentRequests.Entry::requestId).toList());
        requests.forget("b");
        assertEquals(List.of("c"), requests.snapshot().stream().map(RecentRequests.Entry::requestId).toList());
    }
}
