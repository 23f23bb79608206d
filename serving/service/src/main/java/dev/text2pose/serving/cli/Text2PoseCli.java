package dev.text2pose.serving.cli;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.pipeline.DeliveryMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@code main} runs it: one-line usage errors (exit 2) and help that names each option's
     * environment variable.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Text2PoseCli());
        cli.registerConverter(ExecutionProvider.class, text -> converted(ExecutionProvider::parse, text));
        cli.registerConverter(DeliveryMode.class, text -> converted(DeliveryMode::parse, text));
        cli.setHelpFactory(OptionHelp::new);
        cli.setParameterExceptionHandler(new UsageErrors());
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
}
