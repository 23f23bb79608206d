package dev.text2pose.serving.cli;

import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.kafka.KafkaClientProperties;
import dev.text2pose.serving.kafka.ServiceAcls;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads pose events from the pose topic without joining a consumer group's work: it subscribes with a group of its
 * own, so every reader sees every pose, and reads only committed results.
 */
final class PoseReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec<PoseEvent> codec = EventCodec.poses();

    PoseReader(String bootstrapServers, Map<String, String> clientProperties, String topic, boolean fromBeginning) {
        Map<String, Object> props = new HashMap<>(KafkaClientProperties.common(bootstrapServers, clientProperties));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, ServiceAcls.READER_GROUP_PREFIX + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
    }

    /** Waits until the reader has partitions, so that "latest" means from now on. */
    void awaitAssignment(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        if (consumer.assignment().isEmpty()) {
            throw new IllegalStateException("no pose topic partitions assigned after " + timeout);
        }
    }

    /** Whether the reader has partitions to read, i.e. it has joined its group. */
    boolean assigned() {
        return !consumer.assignment().isEmpty();
    }

    /**
     * The cluster's topics, asked for now; empty when the cluster does not answer within {@code timeout}. The
     * consumer alone never says whether its broker is there: it retries quietly.
     */
    Optional<Set<String>> topics(Duration timeout) {
        try {
            return Optional.of(consumer.listTopics(timeout).keySet());
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    /** The pose events that arrive within {@code timeout} (possibly none). */
    List<PoseEvent> poll(Duration timeout) {
        List<PoseEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            events.add(codec.decode(record.value()));
        }
        return events;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
