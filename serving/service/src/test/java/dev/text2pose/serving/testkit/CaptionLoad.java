package dev.text2pose.serving.testkit;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/** Produces caption requests to a topic, all at once or paced, in the caller's thread or in the background. */
public final class CaptionLoad {

    private static final EventCodec<CaptionEvent> CODEC = EventCodec.captions();
    private static final String[] CAPTIONS = {"a man swinging a tennis racket", "a woman sitting behind a table",
            "a skier going down a slope", "a boy throwing a frisbee", "a person standing on a beach"};

    private CaptionLoad() {
    }

    /** The ids {@code prefix-0} .. {@code prefix-(count-1)}. */
    public static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    /** A valid single-pose request. */
    public static byte[] caption(String requestId) {
        int n = Math.floorMod(requestId.hashCode(), CAPTIONS.length);
        return CODEC.encode(CaptionEvent.newBuilder().setRequestId(requestId).setCaption(CAPTIONS[n]).setSeed(7L)
                .build());
    }

    /**
     * Sends one request per id at {@code perSecond} (0: as fast as possible) and waits for every ack.
     *
     * @throws IllegalStateException when a send failed, so that a lost input is not mistaken for a service loss
     */
    public static void send(String bootstrapServers, String topic, List<String> ids, int perSecond) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(ids.size());
            long start = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                if (perSecond > 0) {
                    LockSupport.parkNanos(start + i * 1_000_000_000L / perSecond - System.nanoTime());
                }
                acks.add(producer.send(new ProducerRecord<>(topic, ids.get(i), caption(ids.get(i)))));
            }
            awaitAcks(producer, acks);
        }
    }

    /** Sends crafted records in order and waits for every ack; throws when one failed. */
    public static void sendAll(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            awaitAcks(producer, records.stream().map(producer::send).toList());
        }
    }

    private static void awaitAcks(KafkaProducer<String, byte[]> producer, List<Future<RecordMetadata>> acks) {
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the test producer lost a record: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending", e);
            }
        }
    }

    /** {@link #send} on a background thread. */
    public static CompletableFuture<Void> sendInBackground(String bootstrapServers, String topic, List<String> ids,
                                                           int perSecond) {
        var thread = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> done = CompletableFuture.runAsync(
                () -> send(bootstrapServers, topic, ids, perSecond), thread);
        thread.shutdown();
        return done;
    }

    /** A plain durable producer of raw records, for tests that craft their own bytes. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
