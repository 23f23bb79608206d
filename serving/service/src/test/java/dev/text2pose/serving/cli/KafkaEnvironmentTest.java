package dev.text2pose.serving.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaEnvironmentTest {

    @Test
    void prefixedVariablesBecomeClientProperties() {
        Map<String, String> env = Map.of(
                "TEXT2POSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "TEXT2POSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "TEXT2POSE_KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required;",
                "TEXT2POSE_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "TEXT2POSE_KAFKA_CONFIG", "/etc/kafka/client.properties",
                "TEXT2POSE_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_HEAP_OPTS", "-Xmx1g");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "ScramLoginModule required;", "ssl.truststore.type", "PEM"),
                KafkaEnvironment.properties(env));
    }

    @Test
    void variableNameIsTheInverseMapping() {
        String name = KafkaEnvironment.variableName("ssl.endpoint.identification.algorithm");
        assertEquals("TEXT2POSE_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", name);
        assertEquals(Map.of("ssl.endpoint.identification.algorithm", "https"),
                KafkaEnvironment.properties(Map.of(name, "https")));
    }

    @Test
    void fileThenEnvironmentThenFlagsEachWin(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nclient.id=from-file\n");
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs("--kafka-config", file.toString(), "--kafka-property", "client.id=flag");
        Map<String, String> merged = options.clientProperties(Map.of("TEXT2POSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "TEXT2POSE_KAFKA_CLIENT_ID", "from-env"));
        assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "client.id", "flag"), merged);
    }
}
