package dev.text2pose.trainer.train;

import com.sun.management.OperatingSystemMXBean;
import dev.text2pose.trainer.model.Bf16Autocast;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * The conditional WGAN-LP training loop of the paper, in one method top to bottom ({@link #run}), with one helper
 * for the critic step and one for the generator step. For batch x with captions t:
 * <pre>
 * critic:    L_D = D(G(z,t),t) + a*D(x,t_mis) - (1+a)*D(x,t) + lambda*max(0, ||grad_(x_hat,t) D(x_hat,t)|| - 1)^2
 * generator: L_G = -[D(G(z,t),t) + D(G(z2,t_int),t_int)],   t_int = (t_a + t_b) / 2
 * </pre>
 * ({@link WganLosses} has the penalty), n_critic critic steps per generator step, Adam(beta1, beta2) for each.
 * Unconditional (stage 1) the text terms drop out: {@code L_D = D(G(z)) - D(x) + penalty}, {@code L_G = -D(G(z))}.
 * Means are over the batch throughout.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    // The step helpers and their results are package-private so that StepBenchmark (tests) times this very code.
    record CriticTerms(double loss, double wasserstein, double mismatchGap, double penalty, double gradNorm) {
    }

    record GeneratorTerms(double loss, double extra) {
    }

    private Trainer() {
    }

    /** Trains {@code config} on {@code data}, writing into {@code run.output()}; see the class comment. */
    @SuppressWarnings("try") // PointerScope works by its extent
    public static TrainResult run(TrainConfig config, TrainingData data, TrainRun run) {
        // 1. Threads, output folder, and the effective config, logged once.
        set_num_threads(config.threads());
        prepareOutput(run);
        LOG.info("training {} stage {} on {} ({} samples, data {}), output {}\n{}", config.model().label(),
                config.stage().label(), data.name(), data.size(), data.hash().substring(0, 12), run.output(),
                ConfigCodec.describe(config));

        // 2. Networks from the seed (stage 2: the paper's transfer from stage 1), their optimisers, the EMA.
        PoseGan gan = Gans.create(config, data.textDim());
        Module generator = gan.generator();
        Module critic = gan.critic();
        Adam generatorAdam = PaperAdam.create(generator, config.lrGenerator(), config.beta1(), config.beta2());
        Adam criticAdam = PaperAdam.create(critic, config.lrCritic(), config.beta1(), config.beta2());
        GeneratorEma ema = config.emaDecay() > 0 ? new GeneratorEma(generator, gan.newGenerator(), config.emaDecay())
                : null;
        generator.train(true);
        critic.train(true);

        // 3. Resume: weights, optimiser states and the step. Every later draw is a function of the step.
        long start = 0;
        double priorWallSeconds = 0;
        if (run.resume()) {
            Path folder = Checkpoint.in(run.output());
            Checkpoint saved = Checkpoint.read(folder);
            requireSameTrajectory(saved, config, data);
            Checkpoint.restore(folder, gan, generatorAdam, criticAdam, ema);
            start = saved.step();
            priorWallSeconds = saved.wallSeconds();
            LOG.info("resumed from {} at step {} ({} of training so far)", folder, start,
                    ProgressLine.duration(priorWallSeconds));
        }
        Batches batches = new Batches(data, config);
        SampleGrid grid = new SampleGrid(gan, data, config);
        Module sampler = ema != null ? ema.module() : generator;
        ProgressLine progress = new ProgressLine(run.progress(), config.stage().label(), config.steps());
        List<StepLosses> history = new ArrayList<>();
        long loopStart = System.nanoTime();
        long cpuStart = cpuNanos();
        long lastCheckpoint = loopStart;
        double criticTotal = 0;
        double generatorTotal = 0;
        long step = start;
        boolean timeUp = false;
        Path lossesFile = run.output().resolve("losses.csv");
        Path curvesFile = run.output().resolve(LossCurves.FILE);

        // 4. The loop: n_critic critic steps, then one generator step, then the bookkeeping.
        try (LossLog log = LossLog.open(lossesFile, start)) {
            while (step < config.steps() && !timeUp) {
                long stepStart = System.nanoTime();
                StepLosses losses;
                try (PointerScope scope = new PointerScope()) {
                    // 4a. Critic steps, each on its own batch.
                    double[] sums = new double[5];
                    long criticStart = System.nanoTime();
                    for (int c = 0; c < config.nCritic(); c++) {
                        CriticTerms t = criticStep(gan, criticAdam, batches.critic(step * config.nCritic() + c),
                                config);
                        sums[0] += t.loss();
                        sums[1] += t.wasserstein();
                        sums[2] += t.mismatchGap();
                        sums[3] += t.penalty();
                        sums[4] += t.gradNorm();
                    }
                    double criticSeconds = seconds(System.nanoTime() - criticStart) / config.nCritic();
                    // 4b. Generator step, with the critic's weights frozen.
                    long generatorStart = System.nanoTime();
                    GeneratorTerms g = generatorStep(gan, generatorAdam, batches.generator(step), config);
                    // 4c. The moving average of G.
                    if (ema != null) {
                        ema.update();
                    }
                    double generatorSeconds = seconds(System.nanoTime() - generatorStart);
                    int n = config.nCritic();
                    losses = new StepLosses(step + 1, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n,
                            sums[4] / n, g.loss(), g.extra(), criticSeconds, generatorSeconds);
                    criticTotal += criticSeconds * n;
                    generatorTotal += generatorSeconds;
                }
                step++;
                // 4d. Record: CSV row, running means, a progress line every logEvery steps.
                history.add(losses);
                log.append(losses);
                progress.add(losses, seconds(System.nanoTime() - stepStart));
                double elapsed = seconds(System.nanoTime() - loopStart);
                timeUp = config.maxMinutes() > 0 && elapsed >= config.maxMinutes() * 60;
                boolean last = step == config.steps() || timeUp;
                if (step % config.logEvery() == 0 || last) {
                    progress.print(step, priorWallSeconds + elapsed);
                    log.flush();
                }
                // 4e. Samples, checkpoints and the loss curves, by steps or by minutes; none changes the trajectory.
                if (config.sampleEvery() > 0 && step % config.sampleEvery() == 0) {
                    grid.write(sampler, samplesFile(run.output(), step));
                }
                if (checkpointDue(config, step, lastCheckpoint) && !last) {
                    new Checkpoint(config, step, data.textDim(), priorWallSeconds + elapsed, data.hash(),
                            run.codeVersion(), data.encoder()).save(run.output(), gan, generatorAdam, criticAdam, ema);
                    log.flush();
                    LossCurves.write(lossesFile, curvesFile);
                    lastCheckpoint = System.nanoTime();
                }
            }
        }

        // 5. The final checkpoint, sample grid and loss curves; the result.
        double wall = seconds(System.nanoTime() - loopStart);
        double cpu = seconds(cpuNanos() - cpuStart);
        new Checkpoint(config, step, data.textDim(), priorWallSeconds + wall, data.hash(), run.codeVersion(),
                data.encoder()).save(run.output(), gan, generatorAdam, criticAdam, ema);
        grid.write(sampler, samplesFile(run.output(), step));
        LossCurves.write(lossesFile, curvesFile);
        long ran = step - start;
        LOG.info("{} at step {}/{} after {} ({} this run, {} CPU); checkpoint {}",
                step >= config.steps() ? "finished" : "stopped by the time limit", step, config.steps(),
                ProgressLine.duration(priorWallSeconds + wall), ProgressLine.duration(wall),
                ProgressLine.duration(cpu), run.output().resolve(Checkpoint.FOLDER));
        return new TrainResult(config, start, step, step >= config.steps(), history,
                ran == 0 ? 0 : criticTotal / (ran * config.nCritic()), ran == 0 ? 0 : generatorTotal / ran,
                wall, cpu, run.output().resolve(Checkpoint.FOLDER));
    }

    /** One critic update: the paper's L_D with the mismatched-text term and the joint Lipschitz penalty. */
    @SuppressWarnings("try")
    static CriticTerms criticStep(PoseGan gan, Adam adam, Batches.Critic batch, TrainConfig config) {
        try (Bf16Autocast autocast = Bf16Autocast.enterIf(config.autocastBf16())) {
            return criticUpdate(gan, adam, batch, config);
        }
    }

    @SuppressWarnings("try") // NoGradGuard works by its extent
    private static CriticTerms criticUpdate(PoseGan gan, Adam adam, Batches.Critic batch, TrainConfig config) {
        long n = batch.poses().size();
        Tensor real = gan.real(batch.poses());
        Tensor text = batch.text() == null ? null : Tensor.create(batch.text(), n, batch.text().length / n);
        Tensor noise = Tensor.create(batch.noise(), n, PaperSpec.NOISE_DIM);
        Tensor fake;
        if (config.fakesWithoutGraph()) {
            try (NoGradGuard noGrad = new NoGradGuard()) {
                fake = gan.generate(gan.generator(), noise, text);
            }
        } else {
            fake = gan.generate(gan.generator(), noise, text).detach();
        }
        adam.zero_grad();
        // One critic pass over [fake, real, real] with texts [t, t, t_mis]: the critic has no batch statistics,
        // so this is the three terms' passes at once.
        Tensor scores = text == null
                ? gan.score(cat(new TensorVector(fake, real), 0), null)
                : gan.score(cat(new TensorVector(fake, real, real), 0),
                cat(new TensorVector(text, text, Tensor.create(batch.mismatched(), n, text.size(1))), 0));
        Tensor dFake = scores.narrow(0, 0, n).mean();
        Tensor dReal = scores.narrow(0, n, n).mean();
        Tensor adversarial = dFake.sub(dReal);
        Tensor dMismatched = null;
        if (text != null) {
            double a = config.mismatchWeight();
            dMismatched = scores.narrow(0, 2 * n, n).mean();
            adversarial = dFake.add(dMismatched.mul(new Scalar(a))).sub(dReal.mul(new Scalar(1 + a)));
        }
        WganLosses.Penalty penalty = WganLosses.lipschitzPenalty(gan::score, real, fake, text,
                Tensor.create(batch.epsilon(), n));
        Tensor loss = adversarial.add(penalty.value().mul(new Scalar(config.lambda())));
        loss.backward();
        adam.step();
        double realScore = dReal.item_double();
        return new CriticTerms(loss.item_double(), realScore - dFake.item_double(),
                dMismatched == null ? 0 : realScore - dMismatched.item_double(), penalty.value().item_double(),
                penalty.meanNorm().item_double());
    }

    /** One generator update: the paper's L_G with the interpolated-text term, plus the model's extra loss. */
    @SuppressWarnings("try") // Bf16Autocast works by its extent
    static GeneratorTerms generatorStep(PoseGan gan, Adam adam, Batches.Generator batch, TrainConfig config) {
        try (Bf16Autocast autocast = Bf16Autocast.enterIf(config.autocastBf16())) {
            return generatorUpdate(gan, adam, batch, config);
        }
    }

    private static GeneratorTerms generatorUpdate(PoseGan gan, Adam adam, Batches.Generator batch,
                                                  TrainConfig config) {
        long n = batch.targets().size();
        TensorVector criticWeights = gan.critic().parameters();
        setRequiresGrad(criticWeights, false); // gradients flow through D to G, D's own are not needed
        try {
            adam.zero_grad();
            Tensor text = batch.text() == null ? null : Tensor.create(batch.text(), n, batch.text().length / n);
            Tensor fake = gan.generate(gan.generator(), Tensor.create(batch.noise(), n, PaperSpec.NOISE_DIM), text);
            Tensor loss = gan.score(fake, text).mean().neg();
            if (text != null) {
                Tensor interpolated = Tensor.create(batch.interpolated(), n, text.size(1));
                Tensor between = gan.generate(gan.generator(), Tensor.create(batch.noise2(), n, PaperSpec.NOISE_DIM),
                        interpolated);
                loss = loss.sub(gan.score(between, interpolated).mean());
            }
            Tensor extra = gan.generatorExtraLoss(fake, batch.targets());
            Tensor total = extra == null ? loss : loss.add(extra.mul(new Scalar(config.visibilityWeight())));
            total.backward();
            adam.step();
            return new GeneratorTerms(loss.item_double(), extra == null ? 0 : extra.item_double());
        } finally {
            setRequiresGrad(criticWeights, true);
        }
    }

    /** Refuses to resume {@code saved} with another trajectory config or other data. */
    static void requireSameTrajectory(Checkpoint saved, TrainConfig config, TrainingData data) {
        List<String> changes = ConfigCodec.trajectoryChanges(saved.config(), config);
        if (!changes.isEmpty()) {
            throw new IllegalArgumentException("cannot resume with changed " + changes + "; only "
                    + TrainConfig.OPERATIONAL + " may change on resume");
        }
        if (!saved.dataHash().equals(data.hash())) {
            throw new IllegalArgumentException("the checkpoint was trained on data " + saved.dataHash()
                    + ", this run loaded " + data.hash());
        }
        // A checkpoint from before encoders were recorded has none; from then on it records this run's.
        if (saved.encoder() != null && !saved.encoder().equals(data.encoder())) {
            throw new IllegalArgumentException("the checkpoint was trained on vectors of encoder " + saved.encoder()
                    + ", this run's are of " + data.encoder());
        }
    }

    private static void setRequiresGrad(TensorVector parameters, boolean on) {
        for (long i = 0; i < parameters.size(); i++) {
            parameters.get(i).set_requires_grad(on);
        }
    }

    private static Path samplesFile(Path output, long step) {
        return output.resolve("samples").resolve(String.format("step-%06d.png", step));
    }

    /**
     * Creates the run's output folder; a fresh run (no {@code --resume}) refuses a folder that already holds a
     * checkpoint rather than overwrite it. Shared by every training loop.
     */
    static void prepareOutput(TrainRun run) {
        try {
            Files.createDirectories(run.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + run.output(), e);
        }
        if (!run.resume() && Files.exists(run.output().resolve(Checkpoint.FOLDER))) {
            throw new IllegalStateException(run.output() + " already holds a checkpoint; pass --resume to continue "
                    + "it or choose another output folder");
        }
    }

    /**
     * Whether a checkpoint is due after {@code step}: every {@code checkpointEvery} steps, or {@code
     * checkpointMinutes} after the last one ({@code lastCheckpoint}, System.nanoTime). Shared by every training loop.
     */
    static boolean checkpointDue(TrainConfig config, long step, long lastCheckpoint) {
        boolean byTime = config.checkpointMinutes() > 0
                && seconds(System.nanoTime() - lastCheckpoint) >= config.checkpointMinutes() * 60;
        boolean bySteps = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
        return byTime || bySteps;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
