package dev.text2pose.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Entry point of the trainer: {@code text2pose-trainer <subcommand> [options]}.
 *
 * <p>Each subcommand is one class, listed in {@code subcommands} below; adding {@code train} or {@code evaluate} is
 * writing that class and adding it to the list. Run from the repository root, for example:
 *
 * <pre>
 * ./mvnw -q -pl trainer compile exec:java -Dexec.args="export --untrained --seed 0 --output model.onnx"
 * </pre>
 *
 * <p>or, as a plain JVM:
 *
 * <pre>
 * ./mvnw -q -pl trainer compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp trainer/target/classes:$(cat trainer/target/cp.txt) dev.text2pose.trainer.cli.TrainerCli export ...
 * </pre>
 *
 * <p>The exit status is 0 on success, 2 for a usage error and 1 when the command failed.
 */
@Command(name = "text2pose-trainer", description = "Trains, evaluates and exports the text-to-pose generator.",
        versionProvider = TrainerVersion.class,
        subcommands = {TrainCommand.class, ExportCommand.class, EvaluateCommand.class, CurvesCommand.class})
public final class TrainerCli implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    /** Runs the command line and exits with its status when that is not 0 (a clean return keeps exec:java happy). */
    public static void main(String[] args) {
        int status = new CommandLine(new TrainerCli()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }
}
