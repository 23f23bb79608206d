package dev.text2pose.serving.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic from the beginning, committed records only, until enough records arrive or time runs out. */
public final class TopicReader {

    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, int expected,
                                                           Duration timeout) {
        return read(bootstrapServers, topic, records -> records.size() >= expected, timeout);
    }

    /** Reads until {@code done} holds for everything read so far, or time runs out. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
                                                           Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                           Duration timeout) {
        return read(bootstrapServers, topic, StringDeserializer.class, done, timeout);
    }

    /** As {@link #read(String, String, Predicate, Duration)}, with the keys' bytes as they are. */
    public static List<ConsumerRecord<byte[], byte[]>> readRawKeys(String bootstrapServers, String topic,
                                                                  Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                                  Duration timeout) {
        return read(bootstrapServers, topic, ByteArrayDeserializer.class, done, timeout);
    }

    private static <K> List<ConsumerRecord<K, byte[]>> read(String bootstrapServers, String topic,
                                                            Class<? extends Deserializer<K>> keys,
                                                            Predicate<List<ConsumerRecord<K, byte[]>>> done,
                                                            Duration timeout) {
        List<ConsumerRecord<K, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<K, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keys.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
