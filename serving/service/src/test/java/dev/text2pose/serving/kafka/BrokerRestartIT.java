package dev.text2pose.serving.kafka;

import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.PoseTopic;
import dev.text2pose.serving.testkit.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker (a separate JVM) stops and starts again while captions stream in. The service recovers by itself: it
 * becomes ready again and every request is answered.
 */
class BrokerRestartIT {

    @Test
    void theServiceRecoversFromABrokerRestartAndLosesNothing(@TempDir Path dataDir) throws Exception {
        int port = freePortPair();
        List<String> topics = List.of("restart-captions", "restart-poses", "restart-dlq");
        List<String> ids = CaptionLoad.ids("restart", 500);
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir, port);
        try (Text2PoseService service = Text2PoseService.start(TestServices.config(broker.bootstrapServers(), topics,
                "restart", DeliveryMode.EXACTLY_ONCE, "restart-a"))) {
            CompletableFuture<Void> sending = CaptionLoad.sendInBackground(broker.bootstrapServers(), topics.get(0),
                    ids, 40);
            Thread.sleep(4000);
            broker.close();
            Thread.sleep(2000);
            broker = EmbeddedBroker.start(dataDir, port);
            sending.get(180, TimeUnit.SECONDS);

            PoseTopic poses = PoseTopic.awaitKeys(broker.bootstrapServers(), topics.get(1), ids, Duration.ofSeconds(180));
            assertEquals(Set.of(), poses.missing(ids), "every request answered across the restart");
            awaitReady(service);
            System.out.printf("BrokerRestartIT: %d requests, %d answers, %d ids answered more than once%n",
                    ids.size(), poses.records().size(), poses.duplicated(ids));
        } finally {
            broker.close();
        }
    }

    private static void awaitReady(Text2PoseService service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!service.isReady() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(service.isReady(), "ready again after the restart");
    }

    private static int freePortPair() throws Exception {
        while (true) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                try (ServerSocket second = new ServerSocket(port + 1)) {
                    return port;
                } catch (Exception taken) {
                    // try another pair
                }
            }
        }
    }
}
