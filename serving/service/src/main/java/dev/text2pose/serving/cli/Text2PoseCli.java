package dev.text2pose.serving.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        System.exit(new CommandLine(new Text2PoseCli()).execute(args));
    }
}
