package dev.text2pose.serving.cli;

import dev.text2pose.pose.SkeletonRenderer;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.kafka.EmbeddedBroker;
import dev.text2pose.serving.pipeline.PoseEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The whole path in one command: a fresh embedded broker, the service, one caption produced, its pose read back
 * from the pose topic, printed as JSON and drawn as a PNG. Step timings go to standard error. Everything that can be
 * checked without Kafka (the request, the model path, the PNG's folder) is checked before the broker starts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Start an embedded Kafka broker and the service, send one caption, print its pose as JSON "
                + "and write a PNG of the skeleton.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    CaptionOptions request = new CaptionOptions();

    @Option(names = "--png", paramLabel = "FILE", description = "Where to draw the pose.")
    Path png = Path.of(System.getProperty("java.io.tmpdir"), "text2pose-demo.png");

    @Parameters(index = "0", paramLabel = "CAPTION", description = "What the person does, e.g. \"a man swinging a tennis racket\".")
    String caption;

    @Override
    public Integer call() throws IOException {
        CaptionEvent event = request.toEvent(UUID.randomUUID().toString(), caption);
        CaptionOptions.problem(event).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        model.check();
        PngTarget.check(png);
        Path dataDir = Files.createTempDirectory("text2pose-demo-");
        try {
            serve(config(dataDir), event);
        } finally {
            deleteRecursively(dataDir);
        }
        return 0;
    }

    private void serve(ServiceConfig config, CaptionEvent event) {
        Stopwatch clock = new Stopwatch(spec.commandLine().getErr());
        try (Text2PoseService running = Text2PoseService.start(config)) {
            clock.lap(config.bootstrapServers().isPresent() ? "service started" : "embedded broker and service started");
            PoseEvent pose;
            try (PoseReader reader = new PoseReader(running.bootstrapServers(), config.kafkaProperties(),
                    config.poseTopic(), false);
                 CaptionSender sender = new CaptionSender(running.bootstrapServers(), config.kafkaProperties(),
                         config.captionTopic())) {
                reader.awaitAssignment(Duration.ofSeconds(30));
                sender.send(event);
                clock.lap("caption produced (request " + event.getRequestId() + ")");
                pose = awaitAnswer(reader, event.getRequestId());
                clock.lap("pose received from " + config.poseTopic());
            }
            spec.commandLine().getOut().println(PoseJson.line(pose));
            spec.commandLine().getOut().flush();
            SkeletonRenderer.writePng(new SkeletonRenderer().grid(PoseEvents.toPoses(pose),
                    rowLabels(pose), List.of(), 256), png);
            clock.lap("skeleton drawn to " + png.toAbsolutePath());
        }
        clock.lap("stopped");
    }

    /** The demo's broker is its own: a fresh folder and free ports, so it never meets a running one. */
    private ServiceConfig config(Path dataDir) {
        ServiceConfig.Builder config = ServiceConfig.builder();
        kafka.applyTo(config);
        topics.applyTo(config);
        model.applyTo(config);
        return config.embeddedBroker(new ServiceConfig.EmbeddedBrokerConfig(dataDir, EmbeddedBroker.freePort()))
                .httpPort(0).viewer(false).build();
    }

    private PoseEvent awaitAnswer(PoseReader reader, String requestId) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (PoseEvent event : reader.poll(Duration.ofMillis(200))) {
                if (event.getRequestId().equals(requestId)) {
                    return event;
                }
            }
        }
        throw new IllegalStateException("no pose for request " + requestId + " within " + ANSWER_TIMEOUT
                + " (look for it on the dead-letter topic)");
    }

    private List<String> rowLabels(PoseEvent pose) {
        List<String> labels = new ArrayList<>();
        String text = request.target().map(target -> caption + " -> " + target).orElse(caption);
        for (int s = 0; s < pose.getSamples(); s++) {
            labels.add(text + (pose.getSamples() > 1 ? "  [sample " + (s + 1) + "]" : ""));
        }
        return labels;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Prints how long each step took, to standard error so standard output stays pure JSON. */
    private static final class Stopwatch {
        private final java.io.PrintWriter err;
        private final long start = System.nanoTime();
        private long last = start;

        Stopwatch(java.io.PrintWriter err) {
            this.err = err;
        }

        void lap(String step) {
            long now = System.nanoTime();
            err.printf("[demo] %-60s %7.2f s (total %.2f s)%n", step, (now - last) / 1e9, (now - start) / 1e9);
            err.flush();
            last = now;
        }
    }
}
