package dev.text2pose.serving.pipeline;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.http.HttpPaths;
import dev.text2pose.serving.testkit.Await;
import dev.text2pose.serving.testkit.CaptionLoad;
import dev.text2pose.serving.testkit.Http;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.ServiceProcess;
import dev.text2pose.serving.testkit.TestServices;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline that cannot go on says so and ends its process. The failure is one retrying cannot fix: the producer's
 * {@code max.request.size} is set below the size of a 16-pose answer, so every publish fails with
 * {@code RecordTooLargeException}, which Kafka does not call retriable.
 */
@ExtendWith(KafkaClusterExtension.class)
class DeadPipelineIT {

    private static final String TOO_SMALL = "1000";
    private static final Duration TIMEOUT = Duration.ofSeconds(150);

    @Test
    void aDeadPipelineTurnsLivenessTo503(KafkaCluster kafka) throws Exception {
        List<String> topics = kafka.createTopics("dead", 1, "captions", "poses", "dlq");
        try (Text2PoseService service = Text2PoseService.start(TestServices.withKafkaProperties(
                TestServices.config(kafka.bootstrapServers(), topics, "dead-" + topics.get(0),
                        DeliveryMode.EXACTLY_ONCE, "dead"), Map.of("max.request.size", TOO_SMALL)))) {
            assertEquals(200, Http.get(service.httpPort(), HttpPaths.LIVE).statusCode());
            sendLargeAnswerRequest(kafka, topics.get(0));

            Await.until("the pipeline to die", TIMEOUT, () -> !service.isLive());
            assertEquals(503, Http.get(service.httpPort(), HttpPaths.LIVE).statusCode(), "dead, so restart me");
            assertEquals(503, Http.get(service.httpPort(), HttpPaths.READY).statusCode());
        }
    }

    @Test
    void theProcessOfADeadPipelineExitsNonZero(KafkaCluster kafka) throws Exception {
        List<String> topics = kafka.createTopics("dead-process", 1, "captions", "poses", "dlq");
        try (ServiceProcess service = ServiceProcess.run(Path.of("target", "dead-pipeline-it", "service.log"),
                List.of("--bootstrap-servers", kafka.bootstrapServers(), "--caption-topic", topics.get(0),
                        "--pose-topic", topics.get(1), "--dead-letter-topic", topics.get(2),
                        "--group-id", "dead-" + topics.get(0), "--delivery", "AT_LEAST_ONCE", "--provider", "CPU",
                        "--threads", "1", "--kafka-property", "max.request.size=" + TOO_SMALL))) {
            sendLargeAnswerRequest(kafka, topics.get(0));

            Optional<Integer> status = service.awaitExit(TIMEOUT);
            assertEquals(Optional.of(Text2PoseService.EXIT_PIPELINE_DEAD), status, service.output());
            assertTrue(service.output().contains("RecordTooLargeException"), service.output());
            assertTrue(service.output().contains("exiting with status 1"), service.output());
        }
    }

    /** A valid request whose answer, 16 poses, is larger than {@link #TOO_SMALL} bytes. */
    private static void sendLargeAnswerRequest(KafkaCluster kafka, String topic) {
        byte[] value = EventCodec.captions().encode(CaptionEvent.newBuilder().setRequestId("large-answer")
                .setCaption("a man swinging a tennis racket").setSamples(16).setSeed(1L).build());
        CaptionLoad.sendAll(kafka.bootstrapServers(), List.of(new ProducerRecord<>(topic, "large-answer", value)));
    }
}
