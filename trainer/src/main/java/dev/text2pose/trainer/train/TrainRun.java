package dev.text2pose.trainer.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a run executes, as opposed to what it computes ({@link TrainConfig}).
 *
 * @param output      the run's folder: losses.csv, losses.png, samples/, checkpoint/; created if missing
 * @param resume      continue from the checkpoint in {@code output} instead of starting at step 0
 * @param codeVersion the git revision, recorded in checkpoints and from there in exported bundles
 * @param progress    where the progress lines go (stderr from the command line)
 */
public record TrainRun(Path output, boolean resume, String codeVersion, PrintStream progress) {

    public TrainRun {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(progress, "progress");
    }
}
