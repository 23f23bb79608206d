package dev.text2pose.serving.http.viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last requests the viewer sent, newest last, with their latency once answered. Thread-safe: the HTTP event
 * loop adds requests, the pose feed's thread answers them.
 */
final class RecentRequests {

    /** One request as the page lists it. {@code latencyMs} and {@code modelVersion} are absent until answered. */
    record Entry(String requestId, String caption, Optional<String> target, int frames, long submittedNanos,
                 Optional<Double> latencyMs, Optional<String> modelVersion) {

        boolean answered() {
            return latencyMs.isPresent();
        }

        Entry answer(long answeredNanos, String version) {
            return new Entry(requestId, caption, target, frames, submittedNanos,
                    Optional.of((answeredNanos - submittedNanos) / 1e6), Optional.of(version));
        }
    }

    private final Map<String, Entry> entries;

    /** @param capacity how many requests to remember; older ones are forgotten, and so are their late answers */
    RecentRequests(int capacity) {
        this.entries = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void submitted(String requestId, String caption, Optional<String> target, int frames, long nanos) {
        entries.put(requestId,
                new Entry(requestId, caption, target, frames, nanos, Optional.empty(), Optional.empty()));
    }

    /** Forgets a request that never reached Kafka. */
    synchronized void forget(String requestId) {
        entries.remove(requestId);
    }

    /** Whether a pose keyed {@code requestId} answers a request of ours not answered yet. */
    synchronized boolean awaits(String requestId) {
        Entry entry = entries.get(requestId);
        return entry != null && !entry.answered();
    }

    /**
     * Records the first answer to a request of ours; a duplicate (at-least-once delivery) or a stranger's pose gives
     * empty.
     */
    synchronized Optional<Entry> answer(String requestId, long nanos, String modelVersion) {
        Entry entry = entries.get(requestId);
        if (entry == null || entry.answered()) {
            return Optional.empty();
        }
        Entry answered = entry.answer(nanos, modelVersion);
        entries.put(requestId, answered);
        return Optional.of(answered);
    }

    /** The remembered requests, oldest first. */
    synchronized List<Entry> snapshot() {
        return new ArrayList<>(entries.values());
    }
}
