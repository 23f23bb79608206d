package dev.text2pose.serving.http.viewer;

import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.PoseEvent;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Reads every partition of the pose topic from the end, on its own thread (it owns the consumer), and hands each
 * first answer to one of the viewer's requests to {@code publish} as JSON. It uses no consumer group: it commits
 * nothing, and every instance's viewer sees every pose, whichever instance served the request.
 *
 * <p>Kafka trouble (an unreachable cluster, a missing ACL) is logged once per distinct message and retried; it never
 * stops the service, whose pipeline does not depend on the viewer.
 */
final class PoseFeed implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PoseFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final RecentRequests requests;
    private final java.util.function.Consumer<JsonObject> publish;
    private final EventCodec<PoseEvent> codec = EventCodec.poses();
    private volatile boolean running = true;
    private volatile boolean positioned;
    private String lastProblem;

    /** @param consumer a consumer without a group; the feed owns and closes it */
    PoseFeed(Consumer<String, byte[]> consumer, String topic, RecentRequests requests,
             java.util.function.Consumer<JsonObject> publish) {
        this.consumer = consumer;
        this.topic = topic;
        this.requests = requests;
        this.publish = publish;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (!positioned) {
                        positionAtEnd();
                    }
                    consumer.poll(POLL).forEach(this::deliver);
                } catch (WakeupException stopping) {
                    return;
                } catch (KafkaException e) {
                    positioned = false;
                    problem(e);
                    sleep(RETRY);
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Whether the feed reads the pose topic now, so that a request sent from now on will be seen. */
    boolean isReady() {
        return positioned;
    }

    /** Stops the loop from another thread; returns at once. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void positionAtEnd() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            throw new KafkaException("pose topic " + topic + " has no partitions (yet)");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(p -> consumer.position(p, Duration.ofSeconds(10)));
        positioned = true;
        lastProblem = null;
        LOG.info("Viewer reads {} partitions of {}", assigned.size(), topic);
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || !requests.awaits(record.key())) {
            return;
        }
        long now = System.nanoTime();
        try {
            PoseEvent event = codec.decode(record.value());
            requests.answer(record.key(), now, event.getModelVersion())
                    .ifPresent(entry -> publish.accept(ViewerJson.pose(entry, event)));
        } catch (RuntimeException e) {
            LOG.warn("Viewer cannot show pose {}-{}@{} (request {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.toString());
        }
    }

    private void problem(KafkaException e) {
        String message = e.toString();
        if (!Objects.equals(message, lastProblem)) {
            LOG.warn("Viewer cannot read {} yet, retrying every {} s: {}", topic, RETRY.toSeconds(), message);
            lastProblem = message;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
