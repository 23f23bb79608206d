package dev.text2pose.serving.cli;

import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code text2pose run} in its own JVM, stopped the way an orchestrator stops it. */
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
}
