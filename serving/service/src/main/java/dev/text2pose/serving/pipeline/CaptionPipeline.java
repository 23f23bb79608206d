package dev.text2pose.serving.pipeline;

import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.model.PoseRequest;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.DeadLetters;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.MalformedEventException;
import dev.text2pose.schema.PoseEvent;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's work: caption records in, pose records out, one polled batch at a time, on one thread that owns
 * the consumer (Kafka consumers are single-threaded).
 *
 * <p>Each batch goes {@code decode -> infer -> publish -> commit}. Offsets are committed only after every pose and
 * dead letter of the batch is acknowledged, so a crash can repeat a batch but never lose one (at-least-once;
 * consumers dedupe by request id). Nothing is polled while a batch is in flight, so unserved records wait in Kafka
 * as consumer lag instead of piling up in memory. Records that cannot be served go to the dead-letter topic with
 * their reason, and the loop goes on.
 */
public final class CaptionPipeline implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionPipeline.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    /** The three topics the pipeline touches. */
    public record Topics(String captions, String poses, String deadLetters) {
    }

    /** A decoded, valid request and the record it came from. */
    private record Accepted(ConsumerRecord<String, byte[]> source, String requestId, PoseRequest request) {
    }

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final PoseGenerator generator;
    private final String modelVersion;
    private final Topics topics;
    private final EventCodec<CaptionEvent> captionCodec = EventCodec.captions();
    private final EventCodec<PoseEvent> poseCodec = EventCodec.poses();
    private final RequestValidator validator = new RequestValidator();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean polling;

    /**
     * @param consumer     a consumer configured by {@code KafkaClientProperties.consumer}; the pipeline owns it from now
     *                     on and closes it when it stops
     * @param producer     the producer for poses and dead letters; shared, not closed here
     * @param generator    the model
     * @param modelVersion the version every pose event carries
     */
    public CaptionPipeline(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                           PoseGenerator generator, String modelVersion, Topics topics) {
        this.consumer = consumer;
        this.producer = producer;
        this.generator = generator;
        this.modelVersion = modelVersion;
        this.topics = topics;
    }

    /** Polls and serves until {@link #stop()}; the in-flight batch is finished and committed before it returns. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.captions()), new LoggingRebalanceListener());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                polling = true;
                if (!records.isEmpty()) {
                    serve(records);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Caption pipeline stopped by an unexpected error", e);
            throw e;
        } finally {
            polling = false;
            consumer.close();
            LOG.info("Caption pipeline stopped after serving {} requests and dead-lettering {} records",
                    served.get(), deadLettered.get());
        }
    }

    /** Asks the loop to stop after the batch in flight; returns at once. */
    public void stop() {
        running = false;
    }

    /** Whether the loop has polled Kafka successfully and is still running. */
    public boolean isServing() {
        return running && polling;
    }

    /** Requests answered with a pose event so far. */
    public long servedCount() {
        return served.get();
    }

    /** Records sent to the dead-letter topic so far. */
    public long deadLetterCount() {
        return deadLettered.get();
    }

    private void serve(ConsumerRecords<String, byte[]> records) {
        List<ProducerRecord<String, byte[]>> outgoing = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record, accepted, outgoing);
        }
        outgoing.addAll(infer(accepted));
        try {
            publish(outgoing);
        } catch (PublishFailedException e) {
            LOG.error("Publishing a batch failed; it will be served again: {}", e.getMessage(), e);
            rewind(records);
            sleep(RETRY_BACKOFF);
            return;
        }
        commit(records);
        long poses = outgoing.stream().filter(r -> r.topic().equals(topics.poses())).count();
        served.addAndGet(poses);
        deadLettered.addAndGet(outgoing.size() - poses);
    }

    private void decode(ConsumerRecord<String, byte[]> record, List<Accepted> accepted,
                        List<ProducerRecord<String, byte[]>> outgoing) {
        try {
            CaptionEvent event = captionCodec.decode(record.value());
            accepted.add(new Accepted(record, event.getRequestId(), validator.validate(event)));
        } catch (MalformedEventException e) {
            outgoing.add(deadLetter(record, DeadLetters.Reason.UNDECODABLE, e.getMessage()));
        } catch (InvalidRequestException e) {
            outgoing.add(deadLetter(record, DeadLetters.Reason.INVALID_REQUEST, e.getMessage()));
        }
    }

    private List<ProducerRecord<String, byte[]>> infer(List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        long startWallMs = System.currentTimeMillis();
        long start = System.nanoTime();
        List<GeneratedPoses> generated;
        try {
            generated = generator.generate(accepted.stream().map(Accepted::request).toList());
        } catch (RuntimeException batchFailure) {
            LOG.warn("Inference failed for a batch of {}; serving its requests one by one", accepted.size(),
                    batchFailure);
            return inferOneByOne(accepted);
        }
        double inferenceMs = (System.nanoTime() - start) / 1e6;
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            out.add(poseRecord(accepted.get(i), generated.get(i), startWallMs, inferenceMs));
        }
        return out;
    }

    /** Isolates the request that breaks a batch: the others are served, the culprit is dead-lettered. */
    private List<ProducerRecord<String, byte[]>> inferOneByOne(List<Accepted> accepted) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (Accepted request : accepted) {
            long startWallMs = System.currentTimeMillis();
            long start = System.nanoTime();
            try {
                GeneratedPoses poses = generator.generate(List.of(request.request())).get(0);
                out.add(poseRecord(request, poses, startWallMs, (System.nanoTime() - start) / 1e6));
            } catch (RuntimeException e) {
                LOG.warn("Inference failed for request {} at {}-{}@{}", request.requestId(),
                        request.source().topic(), request.source().partition(), request.source().offset(), e);
                out.add(deadLetter(request.source(), DeadLetters.Reason.INFERENCE_FAILED, e.toString()));
            }
        }
        return out;
    }

    private ProducerRecord<String, byte[]> poseRecord(Accepted request, GeneratedPoses poses, long startWallMs,
                                                      double inferenceMs) {
        double queueWaitMs = Math.max(0, startWallMs - request.source().timestamp());
        byte[] value = poseCodec.encode(PoseEvents.toEvent(request.requestId(), modelVersion,
                request.request().seed(), poses, queueWaitMs, inferenceMs));
        return new ProducerRecord<>(topics.poses(), request.requestId(), value);
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record,
                                                      DeadLetters.Reason reason, String error) {
        LOG.warn("Dead-lettering {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason, error);
        return DeadLetterRecords.of(record, topics.deadLetters(), reason, error);
    }

    /** Sends everything and waits until the cluster has acknowledged every record. */
    private void publish(List<ProducerRecord<String, byte[]>> outgoing) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(outgoing.size());
        for (ProducerRecord<String, byte[]> record : outgoing) {
            acks.add(producer.send(record));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new PublishFailedException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException(e);
            }
        }
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        try {
            consumer.commitSync(nextOffsets(records));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another instance, which will serve this batch again: duplicates, no loss.
            LOG.warn("Commit failed during a rebalance; the batch will be redelivered: {}", e.getMessage());
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A send the cluster did not acknowledge after the producer's own retries. */
    private static final class PublishFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublishFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    private static final class LoggingRebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("Partitions revoked: {}", partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("Partitions assigned: {}", partitions);
            }
        }
    }
}
