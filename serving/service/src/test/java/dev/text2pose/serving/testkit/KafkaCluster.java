package dev.text2pose.serving.testkit;

import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.kafka.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One real KRaft broker per test JVM, shared by every test class that asks for it; each test makes its own topics with
 * {@link #createTopics}. It is the service's {@link EmbeddedBroker} (its own JVM, data under {@code target/}), so the
 * tests start brokers one way only.
 */
public final class KafkaCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static KafkaCluster shared;

    private final EmbeddedBroker broker;

    private KafkaCluster(EmbeddedBroker broker) {
        this.broker = broker;
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
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-cluster-");
            // Abort a crashed producer's open transaction within 1 s of its timeout, not 10 s (CrashIT).
            Map<String, String> faster = Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
            return new KafkaCluster(EmbeddedBroker.start(dataDir, FreePorts.pair(),
                    new EmbeddedBroker.Overrides(faster, List.of(), Map.of())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the test broker's data folder", e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
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
    public void close() {
        broker.close();
    }
}
