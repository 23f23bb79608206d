package dev.text2pose.serving.kafka;

import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker (a separate JVM) stops and starts again while captions stream in. The service recovers by itself: it
 * becomes ready again, every request is answered, and exactly-once holds: no request is answered twice.
 */
class BrokerRestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void theServiceRecoversFromABrokerRestartAndLosesNothing(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.pair();
        List<String> topics = List.of("restart-captions", "restart-poses", "restart-dlq");
        List<String> ids = CaptionLoad.ids("restart", 500);
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir, port);
        try (Text2PoseService service = Text2PoseService.start(TestServices.config(broker.bootstrapServers(), topics,
                "restart", DeliveryMode.EXACTLY_ONCE, "restart-a"))) {
            CompletableFuture<Void> sending = CaptionLoad.sendInBackground(broker.bootstrapServers(), topics.get(0),
                    ids, 40);
            Await.until("the service to serve part of the stream", TIMEOUT,
                    () -> TestServices.published(service) >= 50);
            broker.close();
            Await.until("the service to notice the broker is gone", TIMEOUT, () -> !service.isReady());
            broker = EmbeddedBroker.start(dataDir, port);
            sending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            PoseTopic poses = PoseTopic.awaitKeys(broker.bootstrapServers(), topics.get(1), ids, TIMEOUT);
            assertEquals(Set.of(), poses.missing(ids), "every request answered across the restart");
            assertEquals(0, poses.duplicated(ids), "exactly-once: no request answered twice");
            Await.until("the service to be ready again", Duration.ofSeconds(60), service::isReady);
            System.out.printf("BrokerRestartIT: %d requests, %d answers, %d ids answered more than once%n",
                    ids.size(), poses.records().size(), poses.duplicated(ids));
        } finally {
            broker.close();
        }
    }
}
