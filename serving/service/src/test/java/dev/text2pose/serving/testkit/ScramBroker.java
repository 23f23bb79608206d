package dev.text2pose.serving.testkit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.kafka.FreePorts;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private final EmbeddedBroker broker;
    private final String adminPassword;

    private ScramBroker(EmbeddedBroker broker, String adminPassword) {
        this.broker = broker;
        this.adminPassword = adminPassword;
    }

    public static ScramBroker start(Path dir) {
        int port = FreePorts.pair();
        String adminPassword = "admin-" + UUID.randomUUID();
        List<String> addAdmin = List.of("--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword
                + "]");
        return new ScramBroker(EmbeddedBroker.start(dir, port, new EmbeddedBroker.Overrides(
                securedServer(port, adminPassword), addAdmin, clientProperties(ADMIN, adminPassword))), adminPassword);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Client properties that log in as {@code user} with {@code password} over SASL_PLAINTEXT. */
    public static Map<String, String> clientProperties(String user, String password) {
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
        broker.close();
    }

    /** The embedded broker's defaults with its client listener made SASL/SCRAM-only and every access checked. */
    private static Map<String, String> securedServer(int port, String adminPassword) {
        String controller = "127.0.0.1:" + (port + 1);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller);
        properties.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        properties.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        properties.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("sasl.enabled.mechanisms", MECHANISM);
        properties.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        properties.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\";");
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.put("allow.everyone.if.no.acl.found", "false");
        properties.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        return properties;
    }
}
