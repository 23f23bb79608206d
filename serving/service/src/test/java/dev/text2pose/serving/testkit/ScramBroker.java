package dev.text2pose.serving.testkit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real KRaft broker in its own JVM that admits clients only through SASL/SCRAM-SHA-512, with the standard
 * authorizer and no access without an ACL. Its admin user is created at format time (Kafka's way to bootstrap the
 * first SCRAM credential); every other user is created through the Admin API with {@link #addUser}.
 *
 * <p>The controller listener is PLAINTEXT on loopback and its (anonymous) principal is a super user, as a KRaft
 * controller link without its own credentials must be; clients never use that listener.
 */
public final class ScramBroker implements AutoCloseable {

    public static final String ADMIN = "admin";
    private static final String MECHANISM = "SCRAM-SHA-512";

    private final Path dir;
    private final int port;
    private final String adminPassword;
    private final Process process;

    private ScramBroker(Path dir, int port, String adminPassword, Process process) {
        this.dir = dir;
        this.port = port;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    public static ScramBroker start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = FreePort.any();
        int controllerPort = FreePort.any();
        String adminPassword = "admin-" + UUID.randomUUID();
        Path properties = dir.resolve("server.properties");
        Files.write(properties, serverProperties(dir, port, controllerPort, adminPassword), StandardCharsets.UTF_8);
        Process format = java(dir, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString(), "--add-scram",
                MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the SCRAM broker failed; see " + dir.resolve("broker.log"));
        }
        ScramBroker broker = new ScramBroker(dir, port, adminPassword,
                java(dir, "kafka.Kafka", properties.toString()));
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client properties that log in as {@code user} with {@code password} over SASL_PLAINTEXT. */
    public Map<String, String> clientProperties(String user, String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** {@link #clientProperties} with this broker's address, ready for a client's constructor. */
    public Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> props = new HashMap<>(clientProperties(user, password));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Writes {@link #clientProperties} as a properties file, as {@code --kafka-config} reads it. */
    public Path writeClientProperties(Path file, String user, String password) throws IOException {
        Properties properties = new Properties();
        properties.putAll(clientProperties(user, password));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "SCRAM credentials of " + user);
        }
        return file;
    }

    /** An admin client logged in as the super user. */
    public Admin admin() {
        return Admin.create(clientConfig(ADMIN, adminPassword));
    }

    /** Creates (or resets) a SCRAM-SHA-512 user through the Admin API and waits until the broker knows it. */
    public void addUser(Admin admin, String user, String password) throws Exception {
        ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, scram, password)))
                .all().get(30, TimeUnit.SECONDS);
        admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(30));
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("SCRAM broker exited; see " + dir.resolve("broker.log"));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("SCRAM broker not ready; see " + dir.resolve("broker.log"),
                                notYet);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static List<String> serverProperties(Path dir, int port, int controllerPort, String adminPassword) {
        String controller = "127.0.0.1:" + controllerPort;
        return List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + ADMIN + ";User:ANONYMOUS",
                "log.dirs=" + dir.resolve("logs").toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false");
    }

    private static Process java(Path dir, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
    }
}
