package dev.text2pose.serving.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a read_committed reader of an output topic saw, counted by key. */
public record PoseTopic(Map<String, Integer> countsByKey, List<ConsumerRecord<String, byte[]>> records) {

    /**
     * Reads {@code topic} until every expected key has arrived, then 2 s more so that late duplicates are counted
     * too, or until the timeout passes.
     */
    public static PoseTopic awaitKeys(String bootstrapServers, String topic, Collection<String> expected,
                                      Duration timeout) {
        Set<String> wanted = new HashSet<>(expected);
        Set<String> seen = new HashSet<>();
        int[] counted = {0};
        long[] allSeenAt = {0};
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(bootstrapServers, topic, read -> {
            for (; counted[0] < read.size(); counted[0]++) {
                seen.add(read.get(counted[0]).key());
            }
            if (allSeenAt[0] == 0 && seen.containsAll(wanted)) {
                allSeenAt[0] = System.nanoTime();
            }
            return allSeenAt[0] != 0 && System.nanoTime() - allSeenAt[0] > 2_000_000_000L;
        }, timeout);
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
        return new PoseTopic(counts, records);
    }

    /** Expected keys that never arrived. */
    public Set<String> missing(Collection<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(countsByKey.keySet());
        return missing;
    }

    /** Expected keys that arrived more than once. */
    public long duplicated(Collection<String> expected) {
        return expected.stream().filter(k -> countsByKey.getOrDefault(k, 0) > 1).count();
    }
}
