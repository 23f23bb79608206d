package dev.text2pose.serving;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigTest {

    @Test
    void secretsAreMaskedWhenTheConfigIsLogged() {
        ServiceConfig config = ServiceConfig.defaults();
        ServiceConfig withSecrets = new ServiceConfig(config.bootstrapServers(), config.embeddedBroker(),
                config.captionTopic(), config.poseTopic(), config.deadLetterTopic(), config.groupId(),
                config.topicPartitions(), config.modelPath(), config.provider(), config.intraOpThreads(),
                config.maxBatchRecords(), config.pipeline(), config.httpHost(), config.httpPort(), Map.of(
                        "sasl.jaas.config", "ScramLoginModule required username=\"svc\" password=\"hunter2\";",
                        "ssl.truststore.password", "hunter3",
                        "security.protocol", "SASL_SSL"), config.viewer());
        String logged = withSecrets.toString();
        assertFalse(logged.contains("hunter2"), logged);
        assertFalse(logged.contains("hunter3"), logged);
        assertTrue(logged.contains("SASL_SSL"), logged);
    }

    @Test
    void nonsenseIsRefused() {
        ServiceConfig d = ServiceConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> new ServiceConfig(d.bootstrapServers(), d.embeddedBroker(),
                d.captionTopic(), d.poseTopic(), d.deadLetterTopic(), d.groupId(), 0, d.modelPath(), d.provider(),
                d.intraOpThreads(), d.maxBatchRecords(), d.pipeline(), d.httpHost(), d.httpPort(), Map.of(), true));
    }
}
