package dev.text2pose.serving.cli;

import dev.text2pose.model.BundleException;
import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.InferenceException;
import dev.text2pose.serving.kafka.DataFolderInUseException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The one place a failed command is explained: two plain lines, what went wrong and what to do, and exit code 1.
 * The stack trace goes to the log at debug level, or at error level with {@code --verbose}: a person needs the
 * remedy, a bug report needs the trace.
 */
final class FailureReport implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

    /** A failure as a person reads it. */
    record Explanation(String problem, String remedy) {
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        CommandSpec spec = command.getCommandSpec();
        if (Text2PoseCli.verbose(command)) {
            LOG.error("{} failed", spec.qualifiedName(), e);
        } else {
            LOG.debug("{} failed", spec.qualifiedName(), e);
        }
        Explanation explanation = explain(e, spec);
        PrintWriter err = command.getErr();
        err.println(spec.qualifiedName() + ": " + explanation.problem());
        err.println(explanation.remedy());
        err.flush();
        return spec.exitCodeOnExecutionException();
    }

    /** What {@code spec}'s command tells a person about {@code e}. */
    static Explanation explain(Throwable e, CommandSpec spec) {
        Optional<CommandFailure> failure = cause(e, CommandFailure.class);
        if (failure.isPresent()) {
            return new Explanation(failure.get().getMessage(), failure.get().remedy());
        }
        Optional<DataFolderInUseException> folder = cause(e, DataFolderInUseException.class);
        if (folder.isPresent()) {
            return new Explanation(folder.get().getMessage(), "Stop that broker (is another `text2pose run` still "
                    + "running?), or give --data-dir (TEXT2POSE_DATA_DIR) another folder.");
        }
        Optional<BundleException> bundle = cause(e, BundleException.class);
        if (bundle.isPresent()) {
            return new Explanation("the model bundle cannot be served: " + firstLine(bundle.get()),
                    ModelOptions.REMEDY);
        }
        Optional<InferenceException> inference = cause(e, InferenceException.class);
        if (inference.isPresent()) {
            return optionValue(spec, "--provider").filter(ExecutionProvider.CUDA::equals).isPresent()
                    ? new Explanation(firstLine(inference.get()), "Use --provider AUTO (CUDA when usable, else CPU) "
                            + "or --provider CPU where there is no usable NVIDIA GPU.")
                    : new Explanation(firstLine(inference.get()),
                            "Give --model an ONNX bundle exported by the trainer, or leave it out.");
        }
        return kafka(e, spec).or(() -> file(e)).orElseGet(() -> new Explanation(firstLine(e),
                "Run it again with --verbose to see where it failed."));
    }

    private static Optional<Explanation> kafka(Throwable e, CommandSpec spec) {
        Optional<KafkaException> kafka = innermost(e, KafkaException.class);
        String where = kafkaAddress(spec);
        if (cause(e, TimeoutException.class).isPresent()) {
            return Optional.of(new Explanation("Kafka at " + where + " did not answer: "
                    + firstLine(cause(e, TimeoutException.class).get()), "Is a broker running there? `text2pose run` "
                    + "starts one on " + KafkaOptions.LOCAL_BROKER + "; for another, give --bootstrap-servers."));
        }
        return kafka.map(k -> new Explanation("Kafka client for " + where + " failed: " + firstLine(k),
                "Check --bootstrap-servers (HOST:PORT, resolvable from here) and the Kafka client settings "
                        + "(--kafka-config, --kafka-property, TEXT2POSE_KAFKA_*)."));
    }

    private static Optional<Explanation> file(Throwable e) {
        return cause(e, IOException.class).or(() -> cause(e, UncheckedIOException.class).map(u -> u.getCause()))
                .map(io -> new Explanation("cannot read or write a file: " + firstLine(io),
                        "Check the path and its permissions."));
    }

    /** The cluster the command talked to: the one given, or the broker it uses without one. */
    private static String kafkaAddress(CommandSpec spec) {
        return optionValue(spec, "--bootstrap-servers").map(Object::toString)
                .orElse(spec.name().equals("run") || spec.name().equals("demo") ? "the embedded broker"
                        : KafkaOptions.LOCAL_BROKER);
    }

    private static Optional<Object> optionValue(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        return option == null ? Optional.empty() : Optional.ofNullable(option.getValue());
    }

    /** The outermost exception of {@code type} in the cause chain: its message has the most context. */
    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The innermost exception of {@code type}: Kafka wraps the precise reason in generic ones. */
    private static <T extends Throwable> Optional<T> innermost(Throwable e, Class<T> type) {
        T found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return Optional.ofNullable(found);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
