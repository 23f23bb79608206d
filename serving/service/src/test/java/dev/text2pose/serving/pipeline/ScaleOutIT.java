package dev.text2pose.serving.pipeline;

import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances in one group on a 4-partition topic split the partitions 2 + 2; when one stops cleanly mid-stream,
 * the other takes its partitions over, and a read_committed reader sees every request answered exactly once (a clean
 * stop creates no duplicates).
 */
@ExtendWith(KafkaClusterExtension.class)
class ScaleOutIT {

    @Test
    void twoInstancesSplitThePartitionsAndOneTakesOverWhenTheOtherStops(KafkaCluster kafka) throws Exception {
        List<String> topics = kafka.createTopics("scale", 4, "captions", "poses", "dlq");
        String group = "scale-" + topics.get(0);
        List<String> ids = CaptionLoad.ids("scale", 600);
        try (Text2PoseService first = Text2PoseService.start(TestServices.config(kafka.bootstrapServers(), topics,
                group, DeliveryMode.EXACTLY_ONCE, "scale-a"));
             Text2PoseService second = Text2PoseService.start(TestServices.config(kafka.bootstrapServers(), topics,
                     group, DeliveryMode.EXACTLY_ONCE, "scale-b"))) {
            awaitAssignment(kafka.bootstrapServers(), group, List.of(2, 2));

            CompletableFuture<Void> sending = CaptionLoad.sendInBackground(kafka.bootstrapServers(), topics.get(0),
                    ids, 150);
            Await.until("both instances to serve", Duration.ofSeconds(60),
                    () -> TestServices.published(first) >= 20 && TestServices.published(second) >= 20);
            second.close();
            awaitAssignment(kafka.bootstrapServers(), group, List.of(4));
            sending.get(60, TimeUnit.SECONDS);

            PoseTopic poses = PoseTopic.awaitKeys(kafka.bootstrapServers(), topics.get(1), ids, Duration.ofSeconds(120));
            assertEquals(Set.of(), poses.missing(ids), "every request answered");
            assertEquals(0, poses.duplicated(ids), "a clean stop creates no duplicates");
        }
    }

    /** Waits until the group's members hold the given numbers of partitions (in any order). */
    private static void awaitAssignment(String bootstrapServers, String group, List<Integer> expected)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Integer> sizes = List.of();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get(10, TimeUnit.SECONDS);
                sizes = description.members().stream().map(MemberDescription::assignment)
                        .map(a -> a.topicPartitions().size()).sorted().toList();
                if (sizes.equals(expected)) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("group " + group + " never reached assignment " + expected + "; last " + sizes);
        }
    }
}
