package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka client settings text2pose uses, in one place for the service and the command-line clients.
 *
 * <p>User-supplied properties (security, timeouts) are applied last, so an operator can override any of them.
 * Values are raw bytes: the Avro codec, not a Kafka serializer, owns the value format, so that undecodable bytes reach
 * the pipeline (and the dead-letter topic) instead of failing inside {@code poll}. The pipeline reads and writes keys
 * as bytes too ({@link #rawKeys}), so a dead letter carries the original key unchanged, UTF-8 or not; the command-line
 * clients use string keys.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    /** Settings every client shares: where the cluster is, plus the user's extra properties. */
    public static Map<String, Object> common(String bootstrapServers, Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(extra);
        return props;
    }

    /**
     * A consumer in a group that commits by hand, only after its results are acknowledged.
     *
     * @param maxPollRecords most records one poll returns, which is the largest inference batch
     */
    public static Map<String, Object> consumer(String bootstrapServers, String groupId, int maxPollRecords,
                                               Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Cooperative rebalancing keeps serving the partitions an instance keeps while others join or leave.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(common(bootstrapServers, extra));
        return props;
    }

    /**
     * The exactly-once producer: {@link #producer} plus this instance's {@code transactional.id}. The transaction
     * timeout is 15 s instead of 60 s because an instance that crashes mid-transaction holds back
     * {@code read_committed} readers of the partitions it wrote until the coordinator aborts that transaction (or the
     * instance restarts with the same id); a batch takes well under a second.
     */
    public static Map<String, Object> transactionalProducer(String bootstrapServers, String transactionalId,
                                                            Map<String, String> extra) {
        Map<String, Object> props = producer(bootstrapServers, Map.of());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        props.putAll(extra);
        return props;
    }

    /** {@code producerProperties} with keys written as raw bytes, as the pipeline's producers write them. */
    public static Map<String, Object> rawKeys(Map<String, Object> producerProperties) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** The producers' {@code max.request.size}: the user's, or Kafka's default (1 MiB). */
    public static int maxRequestBytes(Map<String, String> extra) {
        String value = extra.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return value == null
                ? (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)
                : Integer.parseInt(value.trim());
    }

    /** A durable, idempotent producer tuned for pose messages of several kilobytes. */
    public static Map<String, Object> producer(String bootstrapServers, Map<String, String> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The 16 KB default batch holds about one large pose message; measured 2.4x less throughput with it.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(common(bootstrapServers, extra));
        return props;
    }
}
