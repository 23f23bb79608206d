package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.serving.kafka.FreePorts;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures that need a real ONNX Runtime or a real Kafka client: each is two plain lines and exit code 1. The
 * Kafka timeouts are shortened with {@code max.block.ms}, so a test waits a second, not a minute.
 */
@ExtendWith(KafkaClusterExtension.class)
class CliFailuresIT {

    private static final String SHORT_WAIT = "max.block.ms=1000";

    @Test
    void aFileThatIsNotAnOnnxModelIsReportedBeforeKafkaIsTouched(@TempDir Path dir) throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (UntouchedPort kafka = new UntouchedPort()) {
            CliRun run = CliRun.of("demo", "--bootstrap-servers", kafka.address(), "--model", garbage.toString(),
                    "a man");

            assertEquals(1, run.exit(), run.err());
            assertEquals(2, run.errLines().size(), run.err());
            assertTrue(run.errLines().get(0).startsWith("text2pose demo: ONNX Runtime could not open " + garbage),
                    run.err());
            assertEquals("Give --model an ONNX bundle exported by the trainer, or leave it out.",
                    run.errLines().get(1));
            assertFalse(kafka.touched());
        }
    }

    @Test
    void aClosedPortIsReportedAsNoBrokerThere() {
        String address = "127.0.0.1:" + FreePorts.any();
        CliRun run = CliRun.of("produce", "--bootstrap-servers", address, "--kafka-property", SHORT_WAIT, "a man");

        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of("text2pose produce: Kafka at " + address + " did not answer: Topic text2pose.captions "
                        + "not present in metadata after 1000 ms.",
                "Is a broker running there? `text2pose run` starts one on " + KafkaOptions.LOCAL_BROKER
                        + "; for another, give --bootstrap-servers."), run.errLines());
    }

    @Test
    void aPortThatAcceptsButNeverAnswersIsReportedTheSameWay() throws Exception {
        try (UntouchedPort silent = new UntouchedPort()) {
            // The producer's close waits for its unanswered request: request.timeout.ms bounds that wait.
            CliRun run = CliRun.of("produce", "--bootstrap-servers", silent.address(), "--kafka-property",
                    SHORT_WAIT, "--kafka-property", "request.timeout.ms=1000", "a man");

            assertEquals(1, run.exit(), run.err());
            assertTrue(run.errLines().get(0).contains(" did not answer: "), run.err());
            assertTrue(silent.touched(), "the port records a Kafka client's connection, so the validation tests' "
                    + "'not touched' means something");
        }
    }

    @Test
    void anAddressThatDoesNotResolveIsNamed() {
        CliRun run = CliRun.of("produce", "--bootstrap-servers", "no-such-host.invalid:9092", "a man");

        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of("text2pose produce: Kafka client for no-such-host.invalid:9092 failed: No resolvable "
                        + "bootstrap urls given in bootstrap.servers",
                "Check --bootstrap-servers (HOST:PORT, resolvable from here) and the Kafka client settings "
                        + "(--kafka-config, --kafka-property, TEXT2POSE_KAFKA_*)."), run.errLines());
    }

    @Test
    void sendInvalidSendsWhatIsOtherwiseRefused(KafkaCluster kafka) {
        String topic = kafka.createTopics("produce", 1, "captions").get(0);
        CliRun refused = CliRun.of("produce", "--bootstrap-servers", kafka.bootstrapServers(), "--caption-topic",
                topic, "--samples", "0", "a man");
        CliRun sent = CliRun.of("produce", "--bootstrap-servers", kafka.bootstrapServers(), "--caption-topic", topic,
                "--samples", "0", "--send-invalid", "a woman");

        assertEquals(2, refused.exit(), refused.err());
        assertEquals(0, sent.exit(), sent.err());
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(kafka.bootstrapServers(), topic, 1,
                Duration.ofSeconds(30));
        assertEquals(1, records.size(), "only the caption sent with --send-invalid is on the topic");
        CaptionEvent event = EventCodec.captions().decode(records.get(0).value());
        assertEquals("a woman", event.getCaption());
        assertEquals(0, event.getSamples());
        assertEquals(event.getRequestId() + "\ta woman", sent.out().strip());
    }
}
