package dev.text2pose.serving.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties given as environment variables, the way containers receive settings and Kubernetes
 * Secrets: {@code TEXT2POSE_KAFKA_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}. The name after the prefix is
 * lower-cased and each {@code _} becomes {@code .}; Kafka's client property names contain no underscores, so the
 * mapping is exact.
 *
 * <p>Variables that name one of the command's own options ({@code TEXT2POSE_KAFKA_CONFIG}, the properties file)
 * are not properties.
 */
public final class KafkaEnvironment {

    /** Prefix of environment variables that become Kafka client properties. */
    public static final String PREFIX = "TEXT2POSE_KAFKA_";

    /** Variables with the prefix that mean something else: the option of the properties file. */
    public static final Set<String> RESERVED = Set.of("TEXT2POSE_KAFKA_CONFIG");

    private KafkaEnvironment() {
    }

    /** The client properties the environment sets, by property name. */
    public static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !RESERVED.contains(name)) {
                properties.put(propertyName(name), value);
            }
        });
        return properties;
    }

    /** The variable that sets a client property: {@code sasl.mechanism -> TEXT2POSE_KAFKA_SASL_MECHANISM}. */
    public static String variableName(String property) {
        return PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static String propertyName(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
