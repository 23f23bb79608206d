package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process), started as its own JVM from the
 * Kafka artifacts on this service's classpath. It is the service's default when no cluster address is given, so a
 * newcomer sees the real path, Kafka included, with nothing to install.
 *
 * <p>Its own JVM keeps the broker's memory, threads and logs apart from the service, and lets a test kill it like a
 * real broker. Layout under the data folder: {@code server.properties}, {@code logs/} (the log segments, formatted on
 * first start and kept afterwards) and {@code broker.log} (the broker's output).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final Process process;

    private EmbeddedBroker(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /**
     * Formats the data folder if it is new, starts the broker and waits until it answers a metadata request.
     *
     * @param dataDir folder for config, data and the broker's log; created if absent
     * @param port    client port on 127.0.0.1; the controller takes {@code port + 1}
     * @throws IllegalStateException when the broker exits or does not become ready in time; the message carries the
     *                               end of its log
     */
    public static EmbeddedBroker start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path properties = writeProperties(dataDir, port);
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(dataDir, properties);
            }
            LOG.info("Starting embedded Kafka broker on 127.0.0.1:{} with data in {}", port, dataDir);
            Process process = java(dataDir, "-Xmx768m", "kafka.Kafka", properties.toString());
            EmbeddedBroker broker = new EmbeddedBroker(dataDir, port, process);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker in " + dataDir, e);
        }
    }

    /** A free client port whose successor, the controller's port, is free too: for brokers that must not collide. */
    public static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket client = new ServerSocket(0)) {
                try (ServerSocket controller = new ServerSocket(client.getLocalPort() + 1)) {
                    return client.getLocalPort();
                } catch (IOException taken) {
                    // the successor is in use: try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no two adjacent free ports found");
    }

    /** The address clients connect to. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Whether the broker process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker cleanly (SIGTERM, then a forced kill if it hangs). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("Embedded broker did not stop in 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("Embedded Kafka broker stopped");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("embedded broker exited with code " + process.exitValue()
                            + (port == 9092 ? " (is another Kafka already using port 9092?)" : "") + "; log tail:\n"
                            + logTail());
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    LOG.info("Embedded Kafka broker is ready at {}", bootstrapServers());
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("embedded broker not ready after " + READY_TIMEOUT
                                + "; log tail:\n" + logTail(), notYet);
                    }
                }
            }
        }
    }

    private static Path writeProperties(Path dataDir, int port) throws IOException {
        Path file = dataDir.resolve("server.properties");
        String controller = "127.0.0.1:" + (port + 1);
        List<String> lines = List.of(
                "# Written by text2pose at every start of the embedded broker.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "num.partitions=4");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void format(Path dataDir, Path properties) throws IOException {
        LOG.info("Formatting embedded broker storage in {}", dataDir);
        Process format = java(dataDir, "-Xmx256m", "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the embedded broker's storage failed; log tail:\n"
                        + tail(dataDir.resolve("broker.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the embedded broker's storage", e);
        }
    }

    /** Runs a class from this JVM's classpath in a new JVM, its output appended to {@code broker.log}. */
    private static Process java(Path dataDir, String heap, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
    }

    private String logTail() {
        return tail(dataDir.resolve("broker.log"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }
}
