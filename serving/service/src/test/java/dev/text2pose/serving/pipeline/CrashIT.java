package dev.text2pose.serving.pipeline;

import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.CraftedCaptions;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.ServiceProcess;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL one of two instances mid-stream. The killed one runs in its own JVM; the survivor, in this one, takes over
 * its partitions after the session timeout. Exactly-once: a read_committed reader sees every request id exactly once
 * (the killed instance's open transaction is aborted, its uncommitted input served again by the survivor).
 * At-least-once: every id at least once.
 *
 * <p>Crafted records ride in the stream (the 18-byte absurd length claim, a record of about 1 MB, random bytes): each
 * is dead-lettered, once in exactly-once, and none stops an instance.
 *
 * <p>{@code -Dcrash.requests} sets the stream's length: 1500 in the default suite, 5000 in the {@code faults} profile.
 * Each run prints its totals: records sent, answered, dead-lettered, lost and duplicated.
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
            CaptionLoad.sendAll(kafka.bootstrapServers(), poison(topics.get(0)));
            CaptionLoad.send(kafka.bootstrapServers(), topics.get(0), ids, 0);
            awaitPublished(victim, 100);
            victim.kill();

            PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), ids, Duration.ofSeconds(240));
            assertEquals(Set.of(), poses.missing(ids), "every request answered after the crash");
            List<String> poisonKeys = poison(topics.get(0)).stream().map(ProducerRecord::key).toList();
            PoseTopic letters = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(2), poisonKeys,
                    Duration.ofSeconds(60));
            assertEquals(Set.of(), letters.missing(poisonKeys), "every crafted record dead-lettered");
            if (mode == DeliveryMode.EXACTLY_ONCE) {
                assertEquals(0, poses.duplicated(ids), "read_committed sees each id exactly once");
                assertEquals(0, letters.duplicated(poisonKeys), "and each dead letter once");
            }
            assertTrue(survivor.isReady() && survivor.isLive());
            System.out.printf("CrashIT %s: %d records sent (%d captions, %d crafted), %d answered, %d dead-lettered, "
                    + "%d lost, %d duplicated (%d answers in all)%n", mode, ids.size() + poisonKeys.size(),
                    ids.size(), poisonKeys.size(), ids.size() - poses.missing(ids).size(),
                    poisonKeys.size() - letters.missing(poisonKeys).size(),
                    poses.missing(ids).size() + letters.missing(poisonKeys).size(),
                    poses.duplicated(ids) + letters.duplicated(poisonKeys), poses.records().size());
        }
    }

    /** The 18-byte absurd length claim, a record of about 1 MB and random bytes, keyed {@code poison-*}. */
    private static List<ProducerRecord<String, byte[]>> poison(String topic) {
        Random random = new Random(12);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(topic, "poison-claim",
                CraftedCaptions.lengthClaim(2_147_483_639L, "abc".getBytes(StandardCharsets.US_ASCII))));
        byte[] big = new byte[1_048_400];
        random.nextBytes(big);
        records.add(new ProducerRecord<>(topic, "poison-big", big));
        for (int i = 0; i < 10; i++) {
            byte[] junk = new byte[1 + random.nextInt(100)];
            random.nextBytes(junk);
            records.add(new ProducerRecord<>(topic, "poison-junk-" + i, junk));
        }
        return records;
    }

    private static void awaitPublished(ServiceProcess victim, double atLeast) throws Exception {
        Await.until("the victim to publish " + atLeast + " poses", Duration.ofSeconds(120),
                () -> Http.metric(victim.metrics(), "text2pose_poses_published_total") >= atLeast);
    }
}
