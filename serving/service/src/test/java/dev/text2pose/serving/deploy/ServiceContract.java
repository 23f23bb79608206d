package dev.text2pose.serving.deploy;

import dev.text2pose.serving.cli.KafkaEnvironment;
import dev.text2pose.serving.cli.OptionHelp;
import dev.text2pose.serving.cli.Text2PoseCli;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the code says a deployment must match, read from the code itself: the environment variables each command
 * reads (its picocli options' {@code ${env:...}} defaults, as the help shows them), their defaults (the options'
 * initial values, which come from the service's config defaults), the image version (the CLI's) and the Kafka
 * version (the client library's).
 */
final class ServiceContract {

    private ServiceContract() {
    }

    private static final Map<String, Map<String, String>> ENVIRONMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every variable {@code text2pose <command>} reads, with its default (empty when there is none). */
    static Map<String, String> environment(String command) {
        return ENVIRONMENTS.computeIfAbsent(command, ServiceContract::readEnvironment);
    }

    private static Map<String, String> readEnvironment(String command) {
        CommandLine cli = Text2PoseCli.commandLine().getSubcommands().get(command);
        if (cli == null) {
            throw new AssertionError("text2pose has no command '" + command + "'");
        }
        Map<String, String> variables = new TreeMap<>();
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            OptionHelp.variable(option).ifPresent(name -> variables.put(name,
                    option.initialValue() == null ? "" : option.initialValue().toString()));
        }
        return Map.copyOf(variables);
    }

    /** Whether {@code text2pose <command>} reads this variable: one of its options, or a Kafka client property. */
    static boolean reads(String command, String variable) {
        return environment(command).containsKey(variable)
                || !KafkaEnvironment.properties(Map.of(variable, "x")).isEmpty();
    }

    /** Every property name a Kafka producer, consumer or admin client knows. */
    static Set<String> kafkaClientProperties() {
        Set<String> names = new TreeSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /** The release the image is tagged with: the CLI's version, e.g. {@code 0.1.0}. */
    static String version() {
        String version = Text2PoseCli.class.getAnnotation(CommandLine.Command.class).version()[0];
        return version.substring(version.lastIndexOf(' ') + 1);
    }

    /** The Kafka version of the client library the service is built with (from the jar's version file). */
    static String kafkaVersion() {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.InputStream in = ProducerConfig.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            properties.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new AssertionError("kafka-clients has no kafka/kafka-version.properties", e);
        }
        return properties.getProperty("version");
    }
}
