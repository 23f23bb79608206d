package dev.text2pose.serving.bench;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.kafka.FreePorts;
import dev.text2pose.serving.pipeline.DeliveryMode;
import dev.text2pose.serving.pipeline.PipelineConfig;
import dev.text2pose.text.MiniLmEncoder;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The serving benchmark, one run on one machine, one table on standard output (logs go to standard error):
 * <ol>
 *   <li>raw inference ({@code PoseGenerator.generate}, encoder plus generator) at each batch size, and the latency of
 *       single requests;</li>
 *   <li>the compute limit: generator-only GFLOP/s against an ONNX Runtime MatMul on the same sessions;</li>
 *   <li>end-to-end throughput at saturation (a backlog burst) through a real broker in its own JVM, per delivery
 *       mode, against raw inference at the service's batch size;</li>
 *   <li>end-to-end latency at half of that saturation (and at the other {@code --latency-loads});</li>
 *   <li>a soak at half load, with this process's RSS (the service runs in it) at its start and end.</li>
 * </ol>
 * Run it as documented in the README: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp
 * "serving/bench/target/classes:$(cat serving/bench/target/classpath)" dev.text2pose.serving.bench.ServingBenchmark}.
 * A fixed, pre-touched heap makes RSS growth show native memory (ONNX Runtime tensors) rather than the heap growing
 * into its limit.
 */
@Command(name = "serving-benchmark", mixinStandardHelpOptions = true,
        description = "Measure text2pose serving: raw inference, compute limit, end-to-end throughput, latency, soak.")
public final class ServingBenchmark implements Callable<Integer> {

    @Option(names = "--threads", defaultValue = "1",
            description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE}, as in earlier runs; with spinning pool "
                    + "threads 2 measured half the batch-64 throughput of 1 on 2 shared cores, without spinning 2.4 times).")
    int threads;

    @Option(names = "--batch", defaultValue = "64", description = "The service's max batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sizes", split = ",", defaultValue = "1,8,32,64", description = "Raw batch sizes (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--burst", defaultValue = "3000", description = "Requests in each saturation burst (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--latency-seconds", defaultValue = "30", description = "Length of the half-load latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--max-wait-ms", description = "The service's batch wait (default: the service's, "
            + "${DEFAULT-VALUE} ms).")
    long maxWaitMs = PipelineConfig.defaults().maxBatchWait().toMillis();

    @Option(names = "--reader-fetch-wait-ms", defaultValue = "500",
            description = "fetch.max.wait.ms of the benchmark's read_committed pose reader (default ${DEFAULT-VALUE}, "
                    + "Kafka's default).")
    int readerFetchWaitMs;

    @Option(names = "--latency-loads", split = ",", defaultValue = "0.5",
            description = "Loads of the latency runs, as fractions of each mode's saturation; the issue's target is at "
                    + "0.5 (default ${DEFAULT-VALUE}).")
    List<Double> latencyLoads;

    @Option(names = "--soak-seconds", defaultValue = "600", description = "Length of the half-load soak; 0 skips it (default ${DEFAULT-VALUE}).")
    int soakSeconds;

    /** Alternating rounds of generator and MatMul timing. */
    private static final int COMPUTE_ROUNDS = 7;

    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        row("machine", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"), "");
        OrtSessions sessions = new OrtSessions(ExecutionProvider.AUTO, threads);
        Path data = Files.createTempDirectory("text2pose-bench-");
        try (ModelBundle bundle = ModelBundle.loadDefault(sessions); MiniLmEncoder encoder = MiniLmEncoder.load(sessions);
             EmbeddedBroker broker = EmbeddedBroker.start(data, FreePorts.pair())) {
            row("execution provider", bundle.provider() + " (AUTO: CUDA when usable), " + threads + " intra-op threads", "");
            RawInference raw = new RawInference(new PoseGenerator(bundle, encoder), bundle, sessions);
            double[] single = raw.singleRequestLatencies(200);
            row("raw inference, batch 1 latency", String.format("p50 %.1f ms, p99 %.1f ms", single[single.length / 2],
                    single[(int) (single.length * 0.99) - 1]), "");
            double[] generatorOnly = raw.generatorOnlyLatencies(200);
            row("  of which the generator alone", String.format("p50 %.1f ms (the text encoder: the rest)",
                    generatorOnly[generatorOnly.length / 2]), "");
            for (int size : sizes) {
                row("raw inference, batch " + size, String.format("%.0f req/s", raw.throughput(size, 4)), "");
            }
            // Alternating one-second rounds: a machine whose speed drifts moves both sides of a round alike.
            double[] ratios = new double[COMPUTE_ROUNDS];
            double generator = 0;
            double matmul = 0;
            for (int round = 0; round < COMPUTE_ROUNDS; round++) {
                double g = raw.generatorGflops(batch, 1);
                double m = raw.matmulGflops(1024, 1);
                generator += g / COMPUTE_ROUNDS;
                matmul += m / COMPUTE_ROUNDS;
                ratios[round] = g / m;
            }
            Arrays.sort(ratios);
            row("compute: generator / matmul", String.format("%.1f / %.1f GFLOP/s; per round median %.0f%% "
                    + "(%.0f-%.0f%%)", generator, matmul, 100 * ratios[COMPUTE_ROUNDS / 2], 100 * ratios[0],
                    100 * ratios[COMPUTE_ROUNDS - 1]),
                    String.format(">= 60%%; generator %.1f MFLOP/row", RawInference.GENERATOR_FLOPS_PER_ROW / 1e6));
            endToEnd(broker.bootstrapServers(), raw);
        }
        print();
        return 0;
    }

    /**
     * Saturation per delivery mode, each against raw inference measured right before and right after it (the
     * machine is shared, so only measurements close in time compare); then latency and soak in the default mode.
     */
    private void endToEnd(String servers, RawInference raw) throws Exception {
        for (DeliveryMode mode : List.of(DeliveryMode.AT_LEAST_ONCE, DeliveryMode.EXACTLY_ONCE)) {
            String prefix = "bench-" + mode.name().toLowerCase(java.util.Locale.ROOT);
            try (Text2PoseService service = Text2PoseService.start(config(servers, prefix, mode));
                 LoadRun load = new LoadRun(servers, prefix + "-captions", prefix + "-poses", 4,
                         readerFetchWaitMs)) {
                load.burst("warm", 300, Duration.ofMinutes(2));
                double rawBefore = raw.throughput(batch, 4);
                HistogramSnapshot before = batchSizes(service);
                LoadRun.Outcome burstRun = load.burst("saturation", burst, Duration.ofMinutes(5));
                HistogramSnapshot after = batchSizes(service);
                double rawAfter = raw.throughput(batch, 4);
                double meanBatch = (after.total() - before.total()) / (after.count() - before.count());
                double saturation = burstRun.throughput();
                double rawMean = (rawBefore + rawAfter) / 2;
                row("end-to-end saturation, " + mode, String.format("%.0f req/s (mean batch %.1f) vs raw batch %d "
                        + "%.0f (%.0f before, %.0f after) = %.2f", saturation, meanBatch, batch, rawMean, rawBefore,
                        rawAfter, saturation / rawMean), "ratio >= 0.90");
                double[] single = raw.singleRequestLatencies(100);
                for (double fraction : latencyLoads) {
                    latency(service, load, mode, saturation * fraction, fraction, single[single.length / 2]);
                }
                if (mode == DeliveryMode.EXACTLY_ONCE) {
                    soak(load, saturation / 2);
                }
            }
        }
    }

    private void latency(Text2PoseService service, LoadRun load, DeliveryMode mode, double rate, double fraction,
                         double batch1Ms) {
        HistogramSnapshot acknowledgedBefore = timer(service, "text2pose.stage.acknowledged");
        HistogramSnapshot commitBefore = timer(service, "text2pose.stage.commit");
        HistogramSnapshot batchesBefore = batchSizes(service);
        HistogramSnapshot inferenceBefore = timer(service, "text2pose.inference.latency");
        GcActivity gcBefore = GcActivity.now();
        LoadRun.Outcome latency = load.paced("latency", (int) (rate * latencySeconds), rate, Duration.ofMinutes(5));
        String at = fraction == 0.5 ? "half" : String.format("%.2f of saturation", fraction);
        row(String.format("end-to-end latency, %s, at %.0f req/s (%s)", mode, rate, at),
                String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms", latency.percentileMs(0.5),
                        latency.percentileMs(0.9), latency.percentileMs(0.99)),
                fraction == 0.5 ? String.format("p99 <= 3 x %.1f (batch 1 now) + 20 = %.1f ms", batch1Ms,
                        3 * batch1Ms + 20) : "");
        row("  stages per request, " + mode, latency.stages().describe(), "");
        row("  per batch, " + mode, "send->acknowledged " + HistogramDelta.describe(acknowledgedBefore,
                timer(service, "text2pose.stage.acknowledged")) + "; ->committed " + HistogramDelta.describe(
                commitBefore, timer(service, "text2pose.stage.commit")) + " (p50/p90/p99 bucket bounds, batches); GC "
                + GcActivity.now().since(gcBefore), "");
        HistogramSnapshot batchesAfter = batchSizes(service);
        HistogramSnapshot inferenceAfter = timer(service, "text2pose.inference.latency");
        long batches = batchesAfter.count() - batchesBefore.count();
        row("  where the time went, " + mode, String.format("mean batch %.1f, inference %.1f ms per batch, "
                + "queue wait p50 %.1f ms", (batchesAfter.total() - batchesBefore.total()) / batches,
                (inferenceAfter.total(TimeUnit.MILLISECONDS) - inferenceBefore.total(TimeUnit.MILLISECONDS))
                        / batches, load.lastQueueWaitP50()), "");
    }

    private void soak(LoadRun load, double rate) {
        if (soakSeconds == 0) {
            return;
        }
        System.gc();
        double start = Rss.mib();
        List<String> samples = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int minute = 0; minute * 60 < soakSeconds; minute++) {
            int seconds = Math.min(60, soakSeconds - minute * 60);
            LoadRun.Outcome chunk = load.paced("soak" + minute, (int) (rate * seconds), rate, Duration.ofMinutes(5));
            p99s.add(chunk.percentileMs(0.99));
            samples.add(String.format("%.0f", Rss.mib()));
        }
        System.gc();
        double end = Rss.mib();
        row(String.format("soak %d s at %.0f req/s: RSS start -> end", soakSeconds, rate),
                String.format("%.0f -> %.0f MiB (%+.1f%%)", start, end, 100 * (end - start) / start), "target < +10%");
        row("soak RSS per minute (MiB)", String.join(" ", samples), "");
        row("soak p99 per minute (ms)", String.join(" ", p99s.stream().map(p -> String.format("%.0f", p)).toList()), "");
    }

    private ServiceConfig config(String servers, String prefix, DeliveryMode mode) {
        return ServiceConfig.builder().bootstrapServers(Optional.of(servers)).captionTopic(prefix + "-captions")
                .poseTopic(prefix + "-poses").deadLetterTopic(prefix + "-dlq").groupId(prefix)
                .intraOpThreads(threads).maxBatchRecords(batch).httpPort(0).viewer(false)
                .pipeline(PipelineConfig.builder().delivery(mode).instanceId(prefix)
                        .maxBatchWait(Duration.ofMillis(maxWaitMs)).build()).build();
    }

    private static HistogramSnapshot timer(Text2PoseService service, String name) {
        return service.metrics().registry().get(name).timer().takeSnapshot();
    }

    private static HistogramSnapshot batchSizes(Text2PoseService service) {
        return service.metrics().registry().get("text2pose.batch.size").summary().takeSnapshot();
    }

    /** A table row, with the machine's 1-minute load average when it was measured (it is shared). */
    private void row(String what, String value, String target) {
        String[] row = {what, value, target, loadAverage()};
        rows.add(row);
        System.err.printf("[bench] %s: %s | %s | load %s%n", (Object[]) row);
    }

    private void print() {
        System.out.println("| measure | result | target | load avg |");
        System.out.println("|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }
}
