package dev.text2pose.serving.pipeline;

import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.model.PoseRequest;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.DeadLetters;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.MalformedEventException;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.metrics.ServiceMetrics;
import dev.text2pose.serving.model.ServingModel;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a batch of caption records into pose records and dead letters: {@code decode -> validate -> age check ->
 * infer -> encode}. Pure transformation, no Kafka I/O, so it runs on the inference thread while the consumer's thread
 * publishes the previous batch. Every record of the batch gets exactly one output.
 */
public final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    /** A decoded, valid request, the record it came from and when that was polled. */
    private record Accepted(ConsumerRecord<byte[], byte[]> source, long polledMicros, String requestId,
                            PoseRequest request) {
    }

    private final CaptionPipeline.Topics topics;
    private final Optional<Duration> maxAge;
    private final ServiceMetrics metrics;
    private final EventCodec<CaptionEvent> captionCodec = EventCodec.captions();
    private final EventCodec<PoseEvent> poseCodec = EventCodec.poses();
    private final RequestValidator validator = new RequestValidator();
    private final DeadLetterRecords deadLetters;

    /**
     * @param maxAge          records older than this when their batch starts are dead-lettered as EXPIRED
     * @param maxRequestBytes the producer's {@code max.request.size}, which every dead letter must fit
     */
    public BatchProcessor(CaptionPipeline.Topics topics, Optional<Duration> maxAge, int maxRequestBytes,
                          ServiceMetrics metrics) {
        this.topics = topics;
        this.maxAge = maxAge;
        this.metrics = metrics;
        this.deadLetters = new DeadLetterRecords(topics.deadLetters(), maxRequestBytes);
    }

    /** Serves a batch with {@code model}; never throws for a bad record or a failed inference. */
    public ProcessedBatch process(Batch batch, ServingModel model) {
        long nowMs = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> outgoing = new ArrayList<>(batch.size());
        Map<DeadLetters.Reason, Integer> letters = new EnumMap<>(DeadLetters.Reason.class);
        List<Accepted> accepted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            accept(batch.records().get(i), batch.polledMicros().get(i), nowMs, accepted, outgoing, letters);
        }
        List<Long> served = new ArrayList<>(accepted.size());
        outgoing.addAll(infer(model, accepted, letters, served));
        return new ProcessedBatch(batch, outgoing, served.size(), letters, served);
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, long polledMicros, long nowMs, List<Accepted> accepted,
                        List<ProducerRecord<byte[], byte[]>> outgoing, Map<DeadLetters.Reason, Integer> letters) {
        try {
            CaptionRecordLimits.checkSize(record.value());
            CaptionEvent event = captionCodec.decode(record.value());
            PoseRequest request = validator.validate(event);
            long ageMs = nowMs - record.timestamp();
            if (maxAge.isPresent() && ageMs > maxAge.get().toMillis()) {
                outgoing.add(deadLetter(record, DeadLetters.Reason.EXPIRED, "waited " + ageMs + " ms, more than the "
                        + maxAge.get().toMillis() + " ms allowed", letters));
                return;
            }
            accepted.add(new Accepted(record, polledMicros, event.getRequestId(), request));
        } catch (MalformedEventException e) {
            outgoing.add(deadLetter(record, DeadLetters.Reason.UNDECODABLE, e.getMessage(), letters));
        } catch (InvalidRequestException e) {
            outgoing.add(deadLetter(record, DeadLetters.Reason.INVALID_REQUEST, e.getMessage(), letters));
        }
    }

    private List<ProducerRecord<byte[], byte[]>> infer(ServingModel model, List<Accepted> accepted,
                                                       Map<DeadLetters.Reason, Integer> letters, List<Long> served) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        long startMicros = StageTimes.nowMicros();
        long start = System.nanoTime();
        List<GeneratedPoses> generated;
        try {
            generated = model.generator().generate(accepted.stream().map(Accepted::request).toList());
        } catch (RuntimeException batchFailure) {
            LOG.warn("Inference failed for a batch of {}; serving its requests one by one", accepted.size(),
                    batchFailure);
            return inferOneByOne(model, accepted, letters, served);
        }
        long nanos = System.nanoTime() - start;
        metrics.batchInferred(accepted.size(), nanos);
        long doneMicros = startMicros + nanos / 1_000;
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            out.add(poseRecord(model, accepted.get(i), generated.get(i), startMicros, doneMicros));
            served.add(accepted.get(i).source().timestamp());
        }
        return out;
    }

    /** Isolates the request that breaks a batch: the others are served, the culprit is dead-lettered. */
    private List<ProducerRecord<byte[], byte[]>> inferOneByOne(ServingModel model, List<Accepted> accepted,
                                                               Map<DeadLetters.Reason, Integer> letters,
                                                               List<Long> served) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (Accepted request : accepted) {
            long startMicros = StageTimes.nowMicros();
            try {
                GeneratedPoses poses = model.generator().generate(List.of(request.request())).get(0);
                out.add(poseRecord(model, request, poses, startMicros, StageTimes.nowMicros()));
                served.add(request.source().timestamp());
            } catch (RuntimeException e) {
                LOG.warn("Inference failed for request {} at {}-{}@{}", request.requestId(),
                        request.source().topic(), request.source().partition(), request.source().offset(), e);
                out.add(deadLetter(request.source(), DeadLetters.Reason.INFERENCE_FAILED, e.toString(), letters));
            }
        }
        return out;
    }

    private ProducerRecord<byte[], byte[]> poseRecord(ServingModel model, Accepted request, GeneratedPoses poses,
                                                      long startMicros, long doneMicros) {
        double queueWaitMs = Math.max(0, startMicros / 1e3 - request.source().timestamp());
        byte[] value = poseCodec.encode(PoseEvents.toEvent(request.requestId(), model.version(),
                request.request().seed(), poses, queueWaitMs, (doneMicros - startMicros) / 1e3));
        ProducerRecord<byte[], byte[]> pose = new ProducerRecord<>(topics.poses(),
                request.requestId().getBytes(StandardCharsets.UTF_8), value);
        TraceHeaders.copy(request.source().headers(), pose.headers());
        StageTimes stages = new StageTimes(request.polledMicros(), startMicros, doneMicros);
        pose.headers().add(StageTimes.HEADER, stages.encode());
        metrics.requestStaged(request.source().timestamp(), request.polledMicros(), startMicros);
        return pose;
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record,
                                                      DeadLetters.Reason reason, String error,
                                                      Map<DeadLetters.Reason, Integer> letters) {
        LOG.warn("Dead-lettering {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason, error);
        letters.merge(reason, 1, Integer::sum);
        return deadLetters.of(record, reason, error);
    }
}
