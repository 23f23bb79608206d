package dev.text2pose.serving.cli;

import dev.text2pose.serving.kafka.EmbeddedBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code subscribe} says on standard error, once each, when its topic is missing, when it reads and when its broker
 * goes away: against a broker of its own, which the test stops.
 */
class SubscribeCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void saysWhenItWaitsForTheTopicWhenItReadsAndWhenTheBrokerIsGone(@TempDir Path dir) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"), EmbeddedBroker.freePort());
        StringWriter err = new StringWriter();
        Thread subscriber = new Thread(() -> {
            picocli.CommandLine cli = Text2PoseCli.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            cli.execute("subscribe", "--bootstrap-servers", broker.bootstrapServers());
        }, "subscribe");
        subscriber.start();
        try {
            String at = "[subscribe] connected to Kafka at " + broker.bootstrapServers();
            awaitLine(err::toString, at + "; topic text2pose.poses does not exist yet, waiting for it (the service "
                    + "creates it when it starts)");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("text2pose.poses", 1, (short) 1))).all().get();
            }
            awaitLine(err::toString, at + ", reading text2pose.poses (new poses only)");

            broker.close();

            awaitLine(err::toString, "[subscribe] Kafka at " + broker.bootstrapServers()
                    + " stopped answering; retrying until it is back (Ctrl-C stops)");
            assertEquals(3, err.toString().lines().count(), "one line for each change:\n" + err);
        } finally {
            subscriber.interrupt();
            subscriber.join(PATIENCE.toMillis());
            broker.close();
        }
    }

    private static void awaitLine(Supplier<String> output, String line) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!output.get().lines().anyMatch(line::equals) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(output.get().lines().anyMatch(line::equals), "no line '" + line + "' in:\n" + output.get());
    }
}
