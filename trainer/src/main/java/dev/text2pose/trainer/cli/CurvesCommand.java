package dev.text2pose.trainer.cli;

import dev.text2pose.trainer.train.LossCurves;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code curves}: draws a run's {@code losses.csv} as a PNG of its training curves ({@link LossCurves}), the same
 * picture the trainer writes as {@code losses.png} at each checkpoint, so that a model card's figure can be drawn
 * again from a committed CSV:
 * <pre>
 * curves --input runs/stage2/losses.csv --output docs/stage2-losses.png
 * </pre>
 * A missing file or one that is not a losses CSV is a usage error (exit 2) that names the file.
 */
@Command(name = "curves", description = "Draws a run's losses.csv as a PNG of its training curves.")
final class CurvesCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CurvesCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--input", required = true, description = "The losses.csv of a training run.")
    private Path input;

    @Option(names = "--output", required = true, description = "Path of the .png file to write.")
    private Path output;

    @Override
    public Integer call() {
        try {
            LossCurves.write(input, output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        LOG.info("wrote {} from {}", output, input);
        return 0;
    }
}
