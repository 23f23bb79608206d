package dev.text2pose.serving.cli;

import dev.text2pose.serving.kafka.FreePorts;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code text2pose run} in its own JVM, stopped the way an orchestrator stops it, or killed. */
@ExtendWith(KafkaClusterExtension.class)
class RunCommandIT {

    @Test
    void aCleanStopOnSigtermExitsZero(KafkaCluster kafka) throws Exception {
        List<String> topics = kafka.createTopics("run", 1, "captions", "poses", "dlq");
        ServiceProcess service = ServiceProcess.run(Path.of("target", "run-command-it.log"), List.of(
                "--bootstrap-servers", kafka.bootstrapServers(), "--caption-topic", topics.get(0),
                "--pose-topic", topics.get(1), "--dead-letter-topic", topics.get(2), "--group-id", topics.get(0),
                "--provider", "CPU", "--threads", "1", "--no-viewer"));

        int exit = service.stop();

        assertEquals(0, exit, "a SIGTERM that stops cleanly is a success; output:\n" + service.output());
        assertTrue(service.output().contains("text2pose stopped"), service.output());
    }

    /**
     * Issue 12, item 6: a second {@code run} on a folder whose broker still lives is refused with one line saying so,
     * and after a SIGKILL of {@code run} (no shutdown hook runs) its embedded broker exits by itself.
     */
    @Test
    void aKilledRunTakesItsEmbeddedBrokerAlongAndAHeldFolderIsRefused(@TempDir Path dataDir) throws Exception {
        String port = Integer.toString(FreePorts.pair());
        List<String> embedded = List.of("--data-dir", dataDir.toString(), "--embedded-port", port,
                "--provider", "CPU", "--threads", "1", "--no-viewer");
        ServiceProcess first = ServiceProcess.run(Path.of("target", "run-embedded-it", "first.log"), embedded);
        long brokerPid = Long.parseLong(Files.readString(dataDir.resolve("broker.pid")).strip());
        ProcessHandle broker = first.descendants().filter(p -> p.pid() == brokerPid).findFirst()
                .orElseThrow(() -> new AssertionError("the broker is not run's child; " + first.output()));
        try {
            List<String> again = new ArrayList<>(List.of("run", "--http-port", Integer.toString(FreePorts.any())));
            again.addAll(embedded);
            ServiceProcess second = ServiceProcess.start(Path.of("target", "run-embedded-it", "second.log"),
                    List.of(), Map.of(), again.toArray(String[]::new));
            Optional<Integer> refused = second.awaitExit(Duration.ofSeconds(120));
            assertEquals(Optional.of(1), refused, second.output());
            assertTrue(second.output().contains("run: the embedded broker's data folder " + dataDir
                    + " is in use by another Kafka broker (process " + brokerPid + ")"), second.output());

            long killedAt = System.nanoTime();
            first.kill();
            Await.until("the orphaned broker to exit", Duration.ofSeconds(60), () -> !broker.isAlive());
            System.out.printf("RunCommandIT: the embedded broker exited %d ms after run was killed%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
        } finally {
            first.kill();
            broker.destroyForcibly();
        }
    }
}
