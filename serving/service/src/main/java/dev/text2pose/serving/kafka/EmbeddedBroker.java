package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process), started as its own JVM from the
 * Kafka artifacts on this service's classpath. It is the service's default when no cluster address is given, so a
 * newcomer sees the real path, Kafka included, with nothing to install.
 *
 * <p>Its own JVM keeps the broker's memory, threads and logs apart from the service, and lets a test kill it like a
 * real broker. The broker exits when this JVM dies, however it dies ({@link ParentBoundProcess}), and it is not
 * started on a folder another broker still holds ({@link DataFolderInUseException}). Layout under the data folder: {@code server.properties}, {@code logs/} (the log segments, formatted on
 * first start and kept afterwards) and {@code broker.log} (the broker's output).
 *
 * <p>It is also the one broker launcher of the tests, which give {@link Overrides}: other listeners and security
 * (a SASL/SCRAM broker), faster timeouts.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** What Kafka logs when another process holds its log directory lock. */
    private static final String KAFKA_LOCK_FAILURE = "Failed to acquire lock on file .lock";

    /**
     * Changes to the defaults.
     *
     * @param serverProperties server properties that replace or add to the defaults (listeners, security...)
     * @param formatArguments  more arguments of the storage format, e.g. {@code --add-scram} for the first user
     * @param clientProperties what an admin client needs to reach the broker (credentials), for the readiness check
     */
    public record Overrides(Map<String, String> serverProperties, List<String> formatArguments,
                            Map<String, String> clientProperties) {

        /** The defaults unchanged: PLAINTEXT on loopback, no security. */
        public static Overrides none() {
            return new Overrides(Map.of(), List.of(), Map.of());
        }
    }

    private final Path dataDir;
    private final int port;
    private final Process process;
    private final Map<String, String> clientProperties;

    private EmbeddedBroker(Path dataDir, int port, Process process, Map<String, String> clientProperties) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.clientProperties = clientProperties;
    }

    /**
     * Formats the data folder if it is new, starts the broker and waits until it answers a metadata request.
     *
     * @param dataDir folder for config, data and the broker's log; created if absent
     * @param port    client port on 127.0.0.1; the controller takes {@code port + 1}
     * @throws DataFolderInUseException when another broker holds the data folder
     * @throws IllegalStateException     when the broker exits or does not become ready in time; the message carries the
     *                                   end of its log
     */
    public static EmbeddedBroker start(Path dataDir, int port) {
        return start(dataDir, port, Overrides.none());
    }

    /** As {@link #start(Path, int)}, with changes to the defaults. */
    public static EmbeddedBroker start(Path dataDir, int port, Overrides overrides) {
        BrokerDataFolder folder = new BrokerDataFolder(dataDir);
        folder.requireFree();
        try {
            Files.createDirectories(dataDir);
            Path properties = writeProperties(dataDir, port, overrides.serverProperties());
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(dataDir, properties, overrides.formatArguments());
            }
            LOG.info("Starting embedded Kafka broker on 127.0.0.1:{} with data in {}", port, dataDir);
            Process process = java(dataDir, "-Xmx768m", ParentBoundProcess.class.getName(), "kafka.Kafka",
                    properties.toString());
            folder.recordOwner(process.pid());
            EmbeddedBroker broker = new EmbeddedBroker(dataDir, port, process, overrides.clientProperties());
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker in " + dataDir, e);
        }
    }

    /** Free client and controller ports for a broker: {@link FreePorts#pair()}. */
    public static int freePort() {
        return FreePorts.pair();
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
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"));
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    if (logTail().contains(KAFKA_LOCK_FAILURE)) {
                        throw new BrokerDataFolder(dataDir).inUse(); // another broker took it after our check
                    }
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

    private static Path writeProperties(Path dataDir, int port, Map<String, String> overrides) throws IOException {
        String controller = "127.0.0.1:" + (port + 1);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + controller);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.partitions", "4");
        properties.putAll(overrides);
        List<String> lines = new ArrayList<>(List.of("# Written by text2pose at every start of the embedded broker."));
        properties.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = dataDir.resolve("server.properties");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void format(Path dataDir, Path properties, List<String> extraArguments) throws IOException {
        LOG.info("Formatting embedded broker storage in {}", dataDir);
        List<String> arguments = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString()));
        arguments.addAll(extraArguments);
        Process format = java(dataDir, "-Xmx256m", "kafka.tools.StorageTool", arguments.toArray(String[]::new));
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

    /**
     * Runs a class from this JVM's classpath in a new JVM, its output appended to {@code broker.log}. Its standard
     * input stays a pipe from this JVM, which {@link ParentBoundProcess} watches.
     */
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
