package dev.text2pose.serving.cli;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.pipeline.DeliveryMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.function.Function;

/**
 * The {@code text2pose} command: run the service, produce captions, subscribe to poses, or try it all at once.
 * This is the only place that reads the command line and the environment.
 */
@Command(name = "text2pose", mixinStandardHelpOptions = true, version = "text2pose 0.1.0",
        description = "Caption in, human pose out: a text-to-pose GAN served through Kafka.",
        subcommands = {RunCommand.class, ProduceCommand.class, SubscribeCommand.class, DemoCommand.class,
                AclsCommand.class, CommandLine.HelpCommand.class})
public final class Text2PoseCli {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "When a command fails, log the stack trace as well as the explanation.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@code main} runs it: one-line usage errors (exit 2), explained failures (exit 1), and
     * help that names each option's environment variable.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Text2PoseCli());
        cli.registerConverter(ExecutionProvider.class, text -> converted(ExecutionProvider::parse, text));
        cli.registerConverter(DeliveryMode.class, text -> converted(DeliveryMode::parse, text));
        cli.setHelpFactory(OptionHelp::new);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler(new FailureReport());
        return cli;
    }

    /** A value read by a parser that names the accepted values; picocli then reports just that message. */
    private static <T> T converted(Function<String, T> parser, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** Whether {@code --verbose} was given to {@code command} or a command above it. */
    static boolean verbose(CommandLine command) {
        for (CommandLine c = command; c != null; c = c.getParent()) {
            if (c.getCommand() instanceof Text2PoseCli root) {
                return root.verbose;
            }
        }
        return false;
    }
}
