package dev.text2pose.serving;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigTest {

    @Test
    void secretsAreMaskedWhenTheConfigIsLogged() {
        ServiceConfig withSecrets = ServiceConfig.builder().kafkaProperties(Map.of(
                "sasl.jaas.config", "ScramLoginModule required username=\"svc\" password=\"hunter2\";",
                "ssl.truststore.password", "hunter3",
                "security.protocol", "SASL_SSL")).build();
        String logged = withSecrets.toString();
        assertFalse(logged.contains("hunter2"), logged);
        assertFalse(logged.contains("hunter3"), logged);
        assertTrue(logged.contains("SASL_SSL"), logged);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.builder().topicPartitions(0).build());
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.builder().maxBatchRecords(0).build());
    }
}
