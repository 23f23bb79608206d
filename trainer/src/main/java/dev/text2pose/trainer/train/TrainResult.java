package dev.text2pose.trainer.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Trainer#run} did, for the command line to print and for tests to check.
 *
 * @param config           the effective config
 * @param startStep        generator updates done before this process (0 unless resumed)
 * @param endStep          generator updates done when it stopped
 * @param finished         whether it reached {@code config.steps()}; false when the time limit stopped it
 * @param losses           one entry per update this process ran, in order
 * @param criticSeconds    mean wall seconds per critic step in this process
 * @param generatorSeconds mean wall seconds per generator step in this process
 * @param wallSeconds      wall seconds of this process's training loop
 * @param cpuSeconds       process CPU seconds over the same span (all threads; above wall when threads work)
 * @param checkpoint       the checkpoint folder written last
 */
public record TrainResult(TrainConfig config, long startStep, long endStep, boolean finished,
                          List<StepLosses> losses, double criticSeconds, double generatorSeconds,
                          double wallSeconds, double cpuSeconds, Path checkpoint) {

    public TrainResult {
        losses = List.copyOf(losses);
    }
}
