package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Sends captions, from arguments or one per line of standard input, and prints each request id. */
@Command(name = "produce", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Send captions to the caption topic; prints '<request id><TAB><caption>' per caption.")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    CaptionOptions request = new CaptionOptions();

    @Option(names = {"--caption-topic", "--topic"}, paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_CAPTION_TOPIC}",
            description = "Caption topic.")
    String topic = ServiceConfig.defaults().captionTopic();

    @Parameters(paramLabel = "CAPTION", arity = "0..*",
            description = "Captions to send; without any, one caption per line is read from standard input.")
    List<String> captions = List.of();

    @Override
    public Integer call() throws IOException {
        try (CaptionSender sender = new CaptionSender(kafka.clientBootstrapServers(), kafka.clientProperties(), topic);
             Stream<String> lines = captions.isEmpty() ? stdinLines() : captions.stream()) {
            lines.filter(line -> !line.isBlank()).forEach(caption -> {
                CaptionEvent event = request.toEvent(UUID.randomUUID().toString(), caption.strip());
                sender.send(event);
                spec.commandLine().getOut().println(event.getRequestId() + "\t" + event.getCaption());
            });
        }
        return 0;
    }

    private static Stream<String> stdinLines() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines();
    }
}
