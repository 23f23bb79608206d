package dev.text2pose.serving.cli;

import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Sends captions, from arguments or one per line of standard input, and prints each request id. A caption the service
 * would dead-letter is refused here, with one line and exit code 2, unless {@code --send-invalid} asks for it.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Send captions to the caption topic; prints '<request id><TAB><caption>' per caption.")
final class ProduceCommand implements Callable<Integer> {

    private static final int QUOTED_CHARS = 40;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    CaptionOptions request = new CaptionOptions();

    @Option(names = {"--caption-topic", "--topic"}, paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_CAPTION_TOPIC}",
            description = "Caption topic.")
    String topic = ServiceConfig.defaults().captionTopic();

    @Option(names = "--send-invalid",
            description = "Send captions that break the request limits too, to see them dead-lettered.")
    boolean sendInvalid;

    @Parameters(paramLabel = "CAPTION", arity = "0..*",
            description = "Captions to send; without any, one caption per line is read from standard input "
                    + "(blank lines are skipped).")
    List<String> captions = List.of();

    @Override
    public Integer call() throws IOException {
        return captions.isEmpty() ? sendStandardInput() : sendArguments();
    }

    /** Arguments are all checked before Kafka is contacted: one bad caption sends nothing. */
    private int sendArguments() {
        List<CaptionEvent> events = captions.stream().map(this::event).toList();
        long refused = IntStream.range(0, events.size()).filter(i -> !acceptable(events.get(i), i + 1)).count();
        if (refused > 0) {
            return spec.exitCodeOnInvalidInput();
        }
        try (CaptionSender sender = sender()) {
            events.forEach(e -> send(sender, e));
        }
        return 0;
    }

    /** Standard input may never end, so each line is checked as it comes and the good ones are sent. */
    private int sendStandardInput() throws IOException {
        int line = 0;
        int refused = 0;
        try (CaptionSender sender = sender();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (Iterator<String> lines = in.lines().iterator(); lines.hasNext(); ) {
                String text = lines.next();
                line++;
                if (text.isBlank()) {
                    continue;
                }
                CaptionEvent event = event(text);
                if (acceptable(event, line)) {
                    send(sender, event);
                } else {
                    refused++;
                }
            }
        }
        return refused == 0 ? 0 : spec.exitCodeOnInvalidInput();
    }

    private CaptionEvent event(String caption) {
        return request.toEvent(UUID.randomUUID().toString(), caption.strip());
    }

    /** Whether to send {@code event}; if not, says why on one line. */
    private boolean acceptable(CaptionEvent event, int number) {
        if (sendInvalid) {
            return true;
        }
        return CaptionOptions.problem(event).map(problem -> {
            UsageErrors.print(spec.commandLine(), "caption " + number + " (" + quoted(event.getCaption()) + "): "
                    + problem);
            return false;
        }).orElse(true);
    }

    private CaptionSender sender() {
        return new CaptionSender(kafka.clientBootstrapServers(), kafka.clientProperties(), topic);
    }

    private void send(CaptionSender sender, CaptionEvent event) {
        sender.send(event);
        spec.commandLine().getOut().println(event.getRequestId() + "\t" + event.getCaption());
        spec.commandLine().getOut().flush();
    }

    private static String quoted(String caption) {
        return "\"" + (caption.length() > QUOTED_CHARS ? caption.substring(0, QUOTED_CHARS) + "…" : caption) + "\"";
    }
}
