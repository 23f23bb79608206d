package dev.text2pose.serving.pipeline;

import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.ServiceProcess;
import dev.text2pose.serving.testkit.TestServices;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL one of two instances mid-stream. The killed one runs in its own JVM; the survivor, in this one, takes over
 * its partitions after the session timeout. Exactly-once: a read_committed reader sees every request id exactly once
 * (the killed instance's open transaction is aborted, its uncommitted input served again by the survivor).
 * At-least-once: every id at least once.
 *
 * <p>{@code -Dcrash.requests} sets the stream's length: 1500 in the default suite, 5000 in the {@code faults} profile.
 */
@ExtendWith(KafkaClusterExtension.class)
class CrashIT {

    private static final int REQUESTS = Integer.getInteger("crash.requests", 1500);

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void killingAnInstanceMidStreamLosesNothing(DeliveryMode mode, KafkaCluster kafka) throws Exception {
        List<String> topics = kafka.createTopics("crash-" + mode.name().toLowerCase(java.util.Locale.ROOT), 4,
                "captions", "poses", "dlq");
        String group = "crash-" + topics.get(0);
        List<String> ids = CaptionLoad.ids("crash-" + mode, REQUESTS);
        Path log = Path.of("target", "crash-it", mode + "-victim.log");
        try (ServiceProcess victim = ServiceProcess.run(log, List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--caption-topic", topics.get(0), "--pose-topic", topics.get(1), "--dead-letter-topic", topics.get(2),
                "--group-id", group, "--delivery", mode.name(), "--instance-id", "victim", "--provider", "CPU",
                "--threads", "1"));
             Text2PoseService survivor = Text2PoseService.start(TestServices.config(kafka.bootstrapServers(), topics,
                     group, mode, "survivor"))) {
            CaptionLoad.send(kafka.bootstrapServers(), topics.get(0), ids, 0);
            awaitPublished(victim, 100);
            victim.kill();

            PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), ids, Duration.ofSeconds(240));
            assertEquals(Set.of(), poses.missing(ids), "every request answered after the crash");
            if (mode == DeliveryMode.EXACTLY_ONCE) {
                assertEquals(0, poses.duplicated(ids), "read_committed sees each id exactly once");
            }
            assertTrue(survivor.isReady());
            System.out.printf("CrashIT %s: %d requests, %d answers, %d ids answered more than once%n", mode,
                    ids.size(), poses.records().size(), poses.duplicated(ids));
        }
    }

    private static void awaitPublished(ServiceProcess victim, double atLeast) throws Exception {
        Await.until("the victim to publish " + atLeast + " poses", Duration.ofSeconds(120),
                () -> Http.metric(victim.metrics(), "text2pose_poses_published_total") >= atLeast);
    }
}
