package dev.text2pose.trainer.train;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.flow.FlowNetwork;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowTime;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.clip_grad_norm_;
import static org.bytedeco.pytorch.global.torch.mse_loss;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * The training loop of the keypoint-space flow model (conditional flow matching, rectified-flow path): for a batch
 * of real pose vectors x1 ({@link FlowPoses}), noise x0 ~ N(0, I) and times t ~ U[0, 1),
 * <pre>
 * x_t = (1 - t) x0 + t x1,   L = mean ||v(x_t, t, c) - (x1 - x0)||^2
 * </pre>
 * with the caption c replaced by the null caption (zeros) with probability {@value #CAPTION_DROPOUT}, so that the
 * same network also learns the unconditional velocity that classifier-free guidance needs, and each kept caption
 * vector gets Gaussian noise of {@code captionNoise} per dimension. The gradient's norm is clipped to
 * {@value #MAX_GRADIENT_NORM}: without it, rare updates blew the loss up by 4 to 6 orders of magnitude (near updates
 * 37,500 and 77,500 of the cpu preset's seed) and the EMA weights carried the damage. One Adam, an EMA of the weights
 * for export, the same data order, augmentation, checkpoints, resume, losses file and progress lines as the GAN's
 * {@link Trainer}. The losses file keeps the GAN's columns: the flow loss is in {@code generator_loss}, the
 * gradient's norm before clipping in {@code grad_norm} and the step's time in {@code generator_s}; the critic's
 * columns are 0.
 */
public final class FlowTrainer {

    /** Probability of training a sample on the null caption. */
    public static final double CAPTION_DROPOUT = 0.1;

    /** Largest gradient norm an update applies; larger gradients are scaled down to it. */
    public static final double MAX_GRADIENT_NORM = 1.0;

    private static final Logger LOG = LoggerFactory.getLogger(FlowTrainer.class);

    private FlowTrainer() {
    }

    /** Trains {@code config} (model flow) on {@code data}, writing into {@code run.output()}. */
    @SuppressWarnings("try") // PointerScope works by its extent
    public static TrainResult run(TrainConfig config, TrainingData data, TrainRun run) {
        if (config.model() != ModelKind.FLOW || !data.conditional()) {
            throw new IllegalArgumentException("FlowTrainer trains model flow on captioned data");
        }
        set_num_threads(config.threads());
        Trainer.prepareOutput(run);
        LOG.info("training flow on {} ({} samples, data {}), output {}\n{}", data.name(), data.size(),
                data.hash().substring(0, 12), run.output(), ConfigCodec.describe(config));
        FlowNetwork network = newNetwork(config, data.textDim());
        Adam adam = PaperAdam.create(network, config.lrGenerator(), config.beta1(), config.beta2());
        GeneratorEma ema = config.emaDecay() > 0
                ? new GeneratorEma(network, newNetwork(config, data.textDim()), config.emaDecay()) : null;
        network.train(true);

        long start = 0;
        double priorWallSeconds = 0;
        if (run.resume()) {
            Path folder = Checkpoint.in(run.output());
            Checkpoint saved = Checkpoint.read(folder);
            Trainer.requireSameTrajectory(saved, config, data);
            Checkpoint.restore(folder, network, adam, ema);
            start = saved.step();
            priorWallSeconds = saved.wallSeconds();
            LOG.info("resumed from {} at step {}", folder, start);
        }

        Batches batches = new Batches(data, config);
        ProgressLine progress = new ProgressLine(run.progress(), "flow", config.steps());
        List<StepLosses> history = new ArrayList<>();
        Path lossesFile = run.output().resolve("losses.csv");
        long loopStart = System.nanoTime();
        long lastCheckpoint = loopStart;
        double stepTotal = 0;
        long step = start;
        boolean timeUp = false;
        try (LossLog log = LossLog.open(lossesFile, start)) {
            while (step < config.steps() && !timeUp) {
                long stepStart = System.nanoTime();
                Update update;
                try (PointerScope scope = new PointerScope()) {
                    update = step(network, adam, batches.flow(step, FlowPoses.WIDTH, CAPTION_DROPOUT,
                            config.captionNoise()), data.textDim());
                    if (ema != null) {
                        ema.update();
                    }
                }
                step++;
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                stepTotal += seconds;
                StepLosses losses = new StepLosses(step, 0, 0, 0, 0, update.gradientNorm(), update.loss(), 0, 0,
                        seconds);
                history.add(losses);
                log.append(losses);
                progress.add(losses, seconds);
                double elapsed = (System.nanoTime() - loopStart) / 1e9;
                timeUp = config.maxMinutes() > 0 && elapsed >= config.maxMinutes() * 60;
                boolean last = step == config.steps() || timeUp;
                if (step % config.logEvery() == 0 || last) {
                    progress.print(step, priorWallSeconds + elapsed);
                    log.flush();
                }
                if (Trainer.checkpointDue(config, step, lastCheckpoint) && !last) {
                    checkpoint(config, step, data, priorWallSeconds + elapsed, run).save(run.output(), network,
                            adam, ema);
                    log.flush();
                    LossCurves.write(lossesFile, run.output().resolve(LossCurves.FILE));
                    lastCheckpoint = System.nanoTime();
                }
            }
        }
        double wall = (System.nanoTime() - loopStart) / 1e9;
        checkpoint(config, step, data, priorWallSeconds + wall, run).save(run.output(), network, adam, ema);
        LossCurves.write(lossesFile, run.output().resolve(LossCurves.FILE));
        long ran = step - start;
        LOG.info("{} at step {}/{} after {} this run", step >= config.steps() ? "finished" : "stopped by the time limit",
                step, config.steps(), ProgressLine.duration(wall));
        return new TrainResult(config, start, step, step >= config.steps(), history, 0,
                ran == 0 ? 0 : stepTotal / ran, wall, 0, run.output().resolve(Checkpoint.FOLDER));
    }

    /** A network initialised from the run's seed, as every run and its EMA copy start. */
    public static FlowNetwork newNetwork(TrainConfig config, int textDim) {
        return new FlowNetwork(textDim, RunRandom.derive(config.seed(), "init-flow", 0));
    }

    /** One update's loss and its gradient's norm before clipping. */
    record Update(double loss, double gradientNorm) {
    }

    /** One flow-matching update, its gradient clipped to {@link #MAX_GRADIENT_NORM}. */
    static Update step(FlowNetwork network, Adam adam, Batches.Flow batch, int textDim) {
        int n = batch.poses().size();
        int width = FlowPoses.WIDTH;
        float[] x1 = encode(batch.poses());
        float[] x0 = batch.noise();
        float[] xt = new float[n * width];
        float[] target = new float[n * width];
        float[] time = new float[n * FlowTime.DIM];
        for (int i = 0; i < n; i++) {
            float t = batch.times()[i];
            for (int j = i * width; j < (i + 1) * width; j++) {
                xt[j] = (1 - t) * x0[j] + t * x1[j];
                target[j] = x1[j] - x0[j];
            }
            FlowTime.write(t, time, i * FlowTime.DIM);
        }
        adam.zero_grad();
        Tensor velocity = network.forward(Tensor.create(xt, n, width), Tensor.create(time, n, FlowTime.DIM),
                Tensor.create(batch.text(), n, textDim));
        Tensor loss = mse_loss(velocity, Tensor.create(target, n, width));
        loss.backward();
        double gradientNorm = clip_grad_norm_(network.parameters(), MAX_GRADIENT_NORM);
        adam.step();
        return new Update(loss.item_double(), gradientNorm);
    }

    private static float[] encode(List<FramePose> poses) {
        float[] out = new float[poses.size() * FlowPoses.WIDTH];
        for (int i = 0; i < poses.size(); i++) {
            FlowPoses.encode(poses.get(i), out, i * FlowPoses.WIDTH);
        }
        return out;
    }

    private static Checkpoint checkpoint(TrainConfig config, long step, TrainingData data, double wall,
                                         TrainRun run) {
        return new Checkpoint(config, step, data.textDim(), wall, data.hash(), run.codeVersion(), data.encoder());
    }
}
