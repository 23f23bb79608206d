package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.serving.kafka.KafkaClientProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Produces caption events, keyed by request id, and waits for the cluster to acknowledge each. */
final class CaptionSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final EventCodec<CaptionEvent> codec = EventCodec.captions();

    CaptionSender(String bootstrapServers, Map<String, String> clientProperties, String topic) {
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(bootstrapServers, clientProperties));
        this.topic = topic;
    }

    void send(CaptionEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.getRequestId(), codec.encode(event))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce caption " + event.getRequestId() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing " + event.getRequestId(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
