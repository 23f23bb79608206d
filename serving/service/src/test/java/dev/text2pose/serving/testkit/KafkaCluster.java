package dev.text2pose.serving.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One real in-process KRaft broker per test JVM, shared by every test class that asks for it; each test makes its
 * own topics with {@link #createTopics}. Wraps Kafka's internal test kit, so that API lives in this one class.
 */
public final class KafkaCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static KafkaCluster shared;

    private final KafkaClusterTestKit cluster;

    private KafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The JVM's broker, started on first use and stopped when the test run ends. */
    public static synchronized KafkaCluster shared(ExtensionContext context) {
        if (shared == null) {
            shared = start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(KafkaCluster.class, shared);
        }
        return shared;
    }

    private static KafkaCluster start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    // Abort a crashed producer's open transaction within 1 s of its timeout, not 10 s (CrashIT).
                    .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaCluster(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates fresh topics named {@code prefix-<random>-<suffix>} and returns their names in order. */
    public List<String> createTopics(String prefix, int partitions, String... suffixes) {
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> names = java.util.Arrays.stream(suffixes).map(s -> run + "-" + s).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + names, e);
        }
        return names;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
