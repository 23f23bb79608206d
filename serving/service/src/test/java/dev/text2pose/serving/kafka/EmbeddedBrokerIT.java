package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default: a real broker in its own JVM that keeps its data across restarts. */
class EmbeddedBrokerIT {

    @Test
    void startsServesAndKeepsItsTopicsAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.pair();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, port)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            try (Admin admin = admin(broker)) {
                TopicCreator.ensure(admin, List.of("kept"), 2);
                TopicCreator.ensure(admin, List.of("kept"), 2);
            }
        }
        assertTrue(Files.exists(dataDir.resolve("logs/meta.properties")), "storage formatted once");
        assertTrue(Files.exists(dataDir.resolve("broker.log")));

        EmbeddedBroker again = EmbeddedBroker.start(dataDir, port);
        try (Admin admin = admin(again)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(topics.contains("kept"), "topics survive a restart: " + topics);
            assertEquals(2, admin.describeTopics(List.of("kept")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("kept").partitions().size());
        } finally {
            again.close();
        }
        assertFalse(again.isAlive(), "close() stops the broker process");
    }

    private static Admin admin(EmbeddedBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}
