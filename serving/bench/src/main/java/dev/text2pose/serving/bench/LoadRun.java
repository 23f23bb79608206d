package dev.text2pose.serving.bench;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.serving.kafka.KafkaClientProperties;
import dev.text2pose.serving.pipeline.StageTimes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load through Kafka and what comes back: a producer of caption requests (a burst, or paced at a rate), and a
 * read_committed reader of the pose topic on its own thread that times each answer against its request's send time.
 * Request ids are {@code phase-i}; one reader serves every phase of one pose topic.
 */
final class LoadRun implements AutoCloseable {

    /** What one phase saw; {@code stages} splits its latencies where the service said when each stage passed. */
    record Outcome(int answered, double firstToLastSeconds, double[] latenciesMs, StageBreakdown stages) {

        double throughput() {
            return (answered - 1) / firstToLastSeconds;
        }

        double percentileMs(double p) {
            return StageBreakdown.percentile(latenciesMs, p);
        }
    }

    private static final EventCodec<CaptionEvent> CODEC = EventCodec.captions();

    private final KafkaProducer<String, byte[]> producer;
    private final String captionTopic;
    private final Map<String, long[]> sent = new ConcurrentHashMap<>(); // {nanoTime, wall µs}
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread reader;
    private volatile boolean reading = true;
    private long nextCaption;

    /** @param fetchWaitMs the reader's {@code fetch.max.wait.ms} */
    LoadRun(String bootstrapServers, String captionTopic, String poseTopic, int partitions, int fetchWaitMs) {
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(bootstrapServers, Map.of("linger.ms", "0")));
        this.captionTopic = captionTopic;
        this.reader = new Thread(() -> read(bootstrapServers, poseTopic, partitions, fetchWaitMs), "bench-pose-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code count} requests as fast as the producer takes them and waits for every answer. */
    Outcome burst(String phase, int count, Duration timeout) {
        return paced(phase, count, 0, timeout);
    }

    /** Sends {@code count} requests at {@code perSecond} (0: unpaced) and waits for every answer. */
    Outcome paced(String phase, int count, double perSecond, Duration timeout) {
        int mark = mark();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                LockSupport.parkNanos(start + (long) (i * 1e9 / perSecond) - System.nanoTime());
            }
            send(phase + "-" + i);
        }
        producer.flush();
        return await(mark, count, timeout);
    }

    private void send(String id) {
        byte[] value = CODEC.encode(CaptionEvent.newBuilder().setRequestId(id)
                .setCaption(CaptionCorpus.caption(nextCaption++)).setSeed(nextCaption).build());
        sent.put(id, new long[] {System.nanoTime(), StageTimes.nowMicros()});
        producer.send(new ProducerRecord<>(captionTopic, id, value));
    }

    private int mark() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    private Outcome await(int mark, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (arrivals) {
                if (arrivals.size() - mark >= count) {
                    List<Arrival> phase = new ArrayList<>(arrivals.subList(mark, mark + count));
                    arrivals.subList(mark, arrivals.size()).clear();
                    return outcome(phase);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (mark() - mark) + " of " + count + " answers in " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private volatile double lastQueueWaitP50 = Double.NaN;

    /** The median queue wait (caption timestamp to inference start, from the pose events) of the last phase. */
    double lastQueueWaitP50() {
        return lastQueueWaitP50;
    }

    private Outcome outcome(List<Arrival> phase) {
        lastQueueWaitP50 = phase.stream().mapToDouble(Arrival::queueWaitMs).sorted().skip(phase.size() / 2)
                .findFirst().orElse(0);
        double[] latencies = new double[phase.size()];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < phase.size(); i++) {
            latencies[i] = (phase.get(i).receivedNanos() - phase.get(i).sentNanos()) / 1e6;
            first = Math.min(first, phase.get(i).receivedNanos());
            last = Math.max(last, phase.get(i).receivedNanos());
        }
        java.util.Arrays.sort(latencies);
        return new Outcome(phase.size(), (last - first) / 1e9, latencies, StageBreakdown.of(phase));
    }

    private void read(String bootstrapServers, String topic, int partitions, int fetchWaitMs) {
        Map<String, Object> props = new HashMap<>(KafkaClientProperties.common(bootstrapServers, Map.of()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchWaitMs);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            while (reading) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    long nowMicros = StageTimes.nowMicros();
                    long[] sentAt = sent.remove(record.key());
                    if (sentAt != null) {
                        double wait = EventCodec.poses().decode(record.value()).getQueueWaitMs();
                        Arrival arrival = new Arrival(sentAt[0], now, sentAt[1], nowMicros, wait,
                                StageTimes.of(record.headers()));
                        synchronized (arrivals) {
                            arrivals.add(arrival);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        reading = false;
        reader.join(5000);
        producer.close();
    }
}
