package dev.text2pose.serving.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSecretsTest {

    @Test
    void everyPasswordTypedClientPropertyIsSecret() {
        for (String key : new String[] {"sasl.jaas.config", "ssl.key.password", "ssl.keystore.password",
                "ssl.truststore.password", "ssl.keystore.key", "ssl.keystore.certificate.chain",
                "ssl.truststore.certificates", "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "sasl.oauthbearer.client.credentials.client.secret"}) {
            assertTrue(KafkaSecrets.isSecret(key), key);
        }
    }

    @Test
    void ordinarySettingsStayReadable() {
        for (String key : new String[] {"security.protocol", "sasl.mechanism", "ssl.truststore.location",
                "ssl.truststore.type", "bootstrap.servers", "client.id"}) {
            assertFalse(KafkaSecrets.isSecret(key), key);
        }
    }

    @Test
    void maskedKeepsKeysAndHidesValues() {
        assertEquals(Map.of("sasl.jaas.config", KafkaSecrets.MASK, "sasl.mechanism", "SCRAM-SHA-512"),
                KafkaSecrets.masked(Map.of("sasl.jaas.config", "password=\"hunter2\"",
                        "sasl.mechanism", "SCRAM-SHA-512")));
    }
}
