package dev.text2pose.trainer.train;

/**
 * What one generator update of a run measured; the critic terms are means over its {@code nCritic} critic steps.
 *
 * @param step             generator updates done, counting this one (1 for the first)
 * @param criticLoss       the critic's whole loss, penalty included
 * @param wasserstein      the critic's estimate of the real/fake gap, {@code mean D(x,t) - mean D(G(z,t),t)}
 * @param mismatchGap      {@code mean D(x,t) - mean D(x,t_mis)}: how much the critic prefers the right caption;
 *                         0 when unconditional
 * @param penalty          the Lipschitz penalty before its weight lambda
 * @param gradNorm         mean joint gradient norm at the penalty's points (1 is the target)
 * @param generatorLoss    the generator's adversarial loss
 * @param extraLoss        the model's extra generator loss before its weight (the MLP's visibility BCE), else 0
 * @param criticSeconds    wall seconds per critic step, mean over this update's
 * @param generatorSeconds wall seconds of the generator step
 */
public record StepLosses(long step, double criticLoss, double wasserstein, double mismatchGap, double penalty,
                         double gradNorm, double generatorLoss, double extraLoss, double criticSeconds,
                         double generatorSeconds) {

    /** The columns of {@link #csv()}, for the header of the losses file. */
    public static final String CSV_HEADER = "step,critic_loss,wasserstein,mismatch_gap,penalty,grad_norm,"
            + "generator_loss,extra_loss,critic_s,generator_s";

    /** One CSV row; losses keep all their digits so that runs can be compared exactly. */
    public String csv() {
        return step + "," + criticLoss + "," + wasserstein + "," + mismatchGap + "," + penalty + "," + gradNorm + ","
                + generatorLoss + "," + extraLoss + "," + String.format("%.4f,%.4f", criticSeconds, generatorSeconds);
    }

    /** The loss values alone, without timings, for comparing two runs' trajectories. */
    public double[] values() {
        return new double[] {criticLoss, wasserstein, mismatchGap, penalty, gradNorm, generatorLoss, extraLoss};
    }
}
