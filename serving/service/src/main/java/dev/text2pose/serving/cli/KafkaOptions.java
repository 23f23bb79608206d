package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** How a command reaches Kafka: the address plus any standard Kafka client properties (security, timeouts). */
final class KafkaOptions {

    /** Where client commands look without an address: the embedded broker that {@code run} starts by default. */
    static final String LOCAL_BROKER = "127.0.0.1:" + ServiceConfig.defaults().embeddedBroker().port();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:TEXT2POSE_BOOTSTRAP_SERVERS}",
            description = "Kafka cluster address. For run and demo, absent means: start an embedded broker. For "
                    + "clients, absent means the embedded broker of `run` on its default port.")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:TEXT2POSE_KAFKA_CONFIG}",
            description = "A Kafka client properties file, e.g. security.protocol and sasl.* settings.")
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", showDefaultValue = Visibility.NEVER,
            description = "One Kafka client property; repeatable; wins over the environment and --kafka-config. "
                    + "Environment: TEXT2POSE_KAFKA_<PROPERTY> with dots as underscores, e.g. "
                    + "TEXT2POSE_KAFKA_SASL_JAAS_CONFIG; it wins over --kafka-config.")
    Map<String, String> properties = new HashMap<>();

    /** The cluster to use, if one was given. */
    Optional<String> bootstrapServers() {
        return Optional.ofNullable(bootstrapServers).filter(s -> !s.isBlank());
    }

    /** The address for a client command: the given one, or the embedded broker's default. */
    String clientBootstrapServers() {
        return bootstrapServers().orElse(LOCAL_BROKER);
    }

    /** The extra client properties: the file's, then the environment's, then the command line's. */
    Map<String, String> clientProperties() {
        return clientProperties(System.getenv());
    }

    Map<String, String> clientProperties(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Kafka config " + configFile, e);
            }
            file.stringPropertyNames().forEach(k -> merged.put(k, file.getProperty(k)));
        }
        merged.putAll(KafkaEnvironment.properties(environment));
        merged.putAll(properties);
        return merged;
    }

    /** Sets where the service finds Kafka and how its clients connect. */
    void applyTo(ServiceConfig.Builder config) {
        config.bootstrapServers(bootstrapServers()).kafkaProperties(clientProperties());
    }
}
