package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Kafka client properties hold secrets, so that nothing the service logs or shows carries them.
 *
 * <p>A key is secret when any Kafka client declares it a {@code PASSWORD} (the JAAS config, key and store passwords,
 * PEM private keys...), or when its name says so ({@code password}, {@code secret}, {@code jaas}, {@code token},
 * {@code credential}, {@code .key}): the second rule catches listener- or mechanism-prefixed and future keys that
 * the first cannot know.
 */
public final class KafkaSecrets {

    /** What a secret value is shown as. */
    public static final String MASK = "****";

    private static final Set<String> PASSWORD_KEYS = Stream.of(ProducerConfig.configDef(),
                    ConsumerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "jaas", "token", "credential");

    private KafkaSecrets() {
    }

    /** Whether the value of this client property must never be logged or shown. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return PASSWORD_KEYS.contains(k) || SECRET_WORDS.stream().anyMatch(k::contains) || k.endsWith(".key");
    }

    /** The properties sorted by key, with secret values replaced by {@link #MASK}. */
    public static Map<String, String> masked(Map<String, String> properties) {
        Map<String, String> masked = new TreeMap<>();
        properties.forEach((k, v) -> masked.put(k, isSecret(k) ? MASK : v));
        return masked;
    }
}
