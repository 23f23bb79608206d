package dev.text2pose.serving.cli;

import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Prints pose events as JSON lines, as they arrive; says on standard error when it is reading and when Kafka is gone. */
@Command(name = "subscribe", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Print pose events from the pose topic as JSON lines.")
final class SubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Option(names = {"--pose-topic", "--topic"}, paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_POSE_TOPIC}",
            description = "Pose topic.")
    String topic = ServiceConfig.defaults().poseTopic();

    @Option(names = "--from-beginning", description = "Start with the oldest pose instead of new ones.")
    boolean fromBeginning;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after this many events; 0 = never.")
    long maxEvents = 0;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop after this many seconds without an event; 0 = never.")
    long idleTimeoutSeconds = 0;

    @Override
    public Integer call() {
        long seen = 0;
        long lastEvent = System.nanoTime();
        ReadingStatus status = new ReadingStatus(spec.commandLine().getErr(), kafka.clientBootstrapServers(), topic,
                fromBeginning ? "from the beginning" : "(new poses only)");
        try (PoseReader reader = new PoseReader(kafka.clientBootstrapServers(), kafka.clientProperties(), topic,
                fromBeginning)) {
            while (maxEvents == 0 || seen < maxEvents) {
                for (PoseEvent event : reader.poll(Duration.ofMillis(500))) {
                    spec.commandLine().getOut().println(PoseJson.line(event));
                    lastEvent = System.nanoTime();
                    if (++seen == maxEvents) {
                        break;
                    }
                }
                spec.commandLine().getOut().flush();
                status.update(reader);
                if (idleTimeoutSeconds > 0 && System.nanoTime() - lastEvent > idleTimeoutSeconds * 1_000_000_000L) {
                    break;
                }
            }
        }
        return 0;
    }
}
