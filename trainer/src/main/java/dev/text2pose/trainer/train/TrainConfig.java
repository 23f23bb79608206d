package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.TextScaling;

import java.util.Objects;
import java.util.Set;

/**
 * Everything that defines a training run, in one immutable record: the preset gives every field, {@code --set
 * key=value} overrides any of them by name ({@link ConfigCodec}; unknown keys are rejected), and the checkpoint
 * stores the result beside the weights, so a run can always be told and repeated.
 *
 * <p>Fields split in two. <em>Trajectory</em> fields decide the numbers a run produces; a resumed run must keep them.
 * <em>Operational</em> fields ({@link #OPERATIONAL}) decide only how long it runs and what it writes, so a resume
 * may change them (to train further, say).
 *
 * @param preset            the preset the run started from; recorded in provenance, changes nothing by itself
 * @param stage             uncond (stage 1, pretraining) or cond (stage 2)
 * @param model             heatmap (the paper's model), mlp (the paper's regression baseline) or flow (the
 *                          keypoint-space flow-matching generator; its presets say which fields it reads)
 * @param seed              the one seed every random draw derives from: init, data order, augmentation, noise
 * @param steps             generator updates in total, each after {@code nCritic} critic updates (operational)
 * @param batchSize         samples per critic and generator step; the paper's 128, 64 on 2 cores (20 % cheaper per
 *                          sample, measured)
 * @param nCritic           critic updates per generator update; the paper's 5
 * @param lrGenerator       Adam learning rate of G; paper 1e-4 (stage 1), 4e-4 (stage 2), 1e-3 (MLP)
 * @param lrCritic          Adam learning rate of D; the same as G in the paper, apart for TTUR experiments
 * @param beta1             Adam beta1; the paper's 0 (no momentum, as WGAN-GP recommends)
 * @param beta2             Adam beta2; the paper's 0.9
 * @param lambda            weight of the Lipschitz penalty; paper 10 (stage 1, MLP), 150 (stage 2)
 * @param mismatchWeight    weight a of the mismatched-text term; the paper's 1 (its notes show it is what makes G
 *                          follow the text)
 * @param visibilityWeight  weight of the MLP's visibility BCE in the generator loss; the paper's 10; unused by heatmap
 * @param heatmapRange      range of real heatmaps; the paper's [-1,1] collapsed on CPU budgets where [0,1] learned
 * @param augment           flip and +-10 degree rotation of real poses, as the paper; off only for tests
 * @param embeddingScale    factor on the unit-norm sentence vector before either network sees it ({@link TextScaling})
 * @param emaDecay          decay of an exponential moving average of G's weights used for samples and export; 0 is
 *                          off (the paper has none)
 * @param captionNoise      standard deviation of the Gaussian noise the flow model adds to each dimension of a kept
 *                          (unit) caption vector, so that a caption's few exact vectors cannot be learnt by heart;
 *                          0 is off, and the GAN models ignore it
 * @param fakesWithoutGraph generate the critic steps' fakes with autograd off; the same numbers, less work than
 *                          building G's graph only to detach it
 * @param autocastBf16      run both steps under libtorch's CPU autocast to bfloat16 ({@code Bf16Autocast}): 2-3x
 *                          faster steps on AVX-512-BF16 / AMX CPUs (measured), but G's weight gradients come out
 *                          7-11 % off float64 (float32: 0.1 %), so off unless a run chooses speed
 * @param threads           libtorch intra-op threads; 2 on the 2-core machine (operational: same maths, possibly
 *                          other rounding)
 * @param initFrom          stage-1 checkpoint folder to start stage 2 from with the paper's weight transfer; empty
 *                          means the paper's random init
 * @param logEvery          steps between progress lines (operational)
 * @param sampleEvery       steps between PNG sample grids; 0 is only at the end (operational)
 * @param checkpointEvery   steps between checkpoints; 0 is only by time and at the end (operational)
 * @param checkpointMinutes wall minutes between checkpoints; 0 is only by steps and at the end (operational)
 * @param maxMinutes        stop cleanly, with a checkpoint, after this many wall minutes of this process; 0 is no
 *                          limit, so a run can be cut into resumable pieces that fit beside other work (operational)
 */
public record TrainConfig(
        String preset,
        Stage stage,
        ModelKind model,
        long seed,
        int steps,
        int batchSize,
        int nCritic,
        double lrGenerator,
        double lrCritic,
        double beta1,
        double beta2,
        double lambda,
        double mismatchWeight,
        double visibilityWeight,
        HeatmapRange heatmapRange,
        boolean augment,
        float embeddingScale,
        double emaDecay,
        double captionNoise,
        boolean fakesWithoutGraph,
        boolean autocastBf16,
        int threads,
        String initFrom,
        int logEvery,
        int sampleEvery,
        int checkpointEvery,
        double checkpointMinutes,
        double maxMinutes) {

    /** Fields a resumed run may change: they decide how long it runs and what it writes, not its numbers. */
    public static final Set<String> OPERATIONAL = Set.of("steps", "threads", "logEvery", "sampleEvery",
            "checkpointEvery", "checkpointMinutes", "maxMinutes");

    /** Where the shipped stage-1 weights live, relative to the repository root: the cpu preset's stage-2 start. */
    public static final String SHIPPED_STAGE1 = "trainer/pretrained/stage1";

    /** Generator updates of the cpu preset's stage 1: as many as the shipped stage-1 weights had. */
    static final int CPU_STAGE1_STEPS = 2664;

    /** Generator updates of the cpu preset's stage 2: as many as the shipped model had. */
    static final int CPU_STAGE2_STEPS = 5080;

    /** Generator updates of the cpu preset's MLP baseline: as many as the shipped one had. */
    static final int CPU_MLP_STEPS = 1956;

    /**
     * Updates of the cpu preset's flow model; its 45-minute limit stops it earlier on a busy machine (the card
     * gives the steps the shipped run reached).
     */
    static final int CPU_FLOW_STEPS = 40_000;

    /**
     * Caption noise of the flow presets: on validation it raised caption match from 41.7 to 46.5 and R@3 from 0.752
     * to 0.780 at the cost of FID 0.037 -> 0.049 (0.04 went further and cost more; the flow card has the sweep).
     */
    static final double FLOW_CAPTION_NOISE = 0.02;

    /** The preset names {@link #preset(String, Stage, ModelKind)} knows. */
    public static final Set<String> PRESETS = Set.of("cpu", "paper", "smoke");

    public TrainConfig {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(heatmapRange, "heatmapRange");
        Objects.requireNonNull(initFrom, "initFrom");
        require(steps >= 0, "steps must be >= 0");
        require(batchSize >= 2, "batchSize must be >= 2 (BatchNorm needs a batch)");
        require(nCritic >= 1, "nCritic must be >= 1");
        require(lrGenerator > 0 && lrCritic > 0, "learning rates must be > 0");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must be in [0, 1)");
        require(lambda >= 0 && mismatchWeight >= 0 && visibilityWeight >= 0, "loss weights must be >= 0");
        require(embeddingScale > 0 && Float.isFinite(embeddingScale), "embeddingScale must be > 0");
        require(emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1)");
        require(captionNoise >= 0 && Double.isFinite(captionNoise), "captionNoise must be >= 0");
        require(threads >= 1, "threads must be >= 1");
        require(logEvery >= 1 && sampleEvery >= 0 && checkpointEvery >= 0, "logEvery >= 1, sampleEvery, "
                + "checkpointEvery >= 0");
        require(checkpointMinutes >= 0 && maxMinutes >= 0, "checkpointMinutes and maxMinutes must be >= 0");
        require(model == ModelKind.HEATMAP || stage == Stage.COND, model.label() + " is conditional: use stage cond");
        require(initFrom.isEmpty() || (stage == Stage.COND && model == ModelKind.HEATMAP),
                "initFrom (the stage-1 transfer) applies to stage cond of the heatmap model only");
    }

    /**
     * A preset for one stage and model.
     * <ul>
     *   <li>{@code cpu} (the default): what trained the shipped models on 2 cores. Batch 64, heatmaps in [0,1], EMA
     *       of G 0.999, fakes without graph; stage 1 at 2 threads, checkpoints every 10 minutes, stopping after 75
     *       minutes; stage 2 at 1 thread (the other core stays free) under bf16 autocast (2-3x faster per step on
     *       this AVX-512-BF16 CPU, measured in the model card), checkpoints every 8 minutes and no time limit, so one
     *       command (resumable) reproduces the shipped 5,080 updates; the
     *       paper's losses, betas and lambdas, but one critic update per generator update with the critic learning
     *       4x faster than G (TTUR: G 1e-4, D 4e-4), because on this budget the paper's n_critic 5 bought a fifth of
     *       the generator updates and collapsed to all-absent output in the measured ablation. Stage 2 starts from
     *       the shipped stage-1 weights ({@value #SHIPPED_STAGE1}, relative to the repository root).</li>
     *   <li>{@code paper}: the paper's full schedule for a GPU machine: batch 128, heatmaps in [-1,1], no EMA, 200
     *       epochs of stage 1 (116,021 persons: 907 batches an epoch, one generator update per 5 batches, so 36,280
     *       updates) and 1000 epochs of stage 2 (the 9,446 train2017 single-person images with captions in the
     *       project's partial captions file: 74 batches an epoch, so 14,760 updates). It
     *       runs on libtorch's CPU backend like the others; set {@code threads} to the machine's cores.</li>
     *   <li>{@code smoke}: tiny, for tests: batch 4, n_critic 2, 2 updates, 1 thread, no augmentation.</li>
     * </ul>
     * The MLP baseline keeps its own paper settings in every preset (lr 1e-3, lambda 10, batch 128 unless smoke).
     */
    public static TrainConfig preset(String name, Stage stage, ModelKind model) {
        boolean uncond = stage == Stage.UNCOND;
        boolean mlp = model == ModelKind.MLP;
        double lr = mlp ? 1e-3 : uncond ? 1e-4 : 4e-4;
        double lambda = mlp || uncond ? 10 : 150;
        float scale = TextScaling.DEFAULT_EMBEDDING_SCALE;
        if (model == ModelKind.FLOW) {
            return flowPreset(name, stage);
        }
        return switch (name) {
            case "cpu" -> mlp
                    ? new TrainConfig(name, stage, model, 0, CPU_MLP_STEPS, 128, 5, lr, lr, 0.0, 0.9, lambda, 1.0,
                    10.0, HeatmapRange.ZERO_TO_ONE, true, scale, 0.0, 0.0, true, false, 1, "", 10, 100, 0, 10, 0)
                    : uncond ? new TrainConfig(name, stage, model, 0, CPU_STAGE1_STEPS, 64, 1, 1e-4, 4e-4, 0.0, 0.9,
                    lambda, 1.0, 10.0, HeatmapRange.ZERO_TO_ONE, true, scale, 0.999, 0.0, true, false, 2, "",
                    10, 250, 0, 10, 75)
                    : new TrainConfig(name, stage, model, 0, CPU_STAGE2_STEPS, 64, 1, 1e-4, 4e-4, 0.0, 0.9, lambda,
                    1.0, 10.0, HeatmapRange.ZERO_TO_ONE, true, scale, 0.999, 0.0, true, true, 1, SHIPPED_STAGE1,
                    10, 250, 0, 8, 0);
            case "paper" -> new TrainConfig(name, stage, model, 0, uncond ? 36_280 : 14_760, 128, 5, lr, lr,
                    0.0, 0.9, lambda, 1.0, 10.0, HeatmapRange.MINUS_ONE_TO_ONE, true, scale, 0.0, 0.0, true,
                    false, 2, "", 50, 1000, 1000, 30, 0);
            case "smoke" -> new TrainConfig(name, stage, model, 0, 2, 4, 2, lr, lr,
                    0.0, 0.9, lambda, 1.0, 10.0, HeatmapRange.ZERO_TO_ONE, false, scale, 0.0, 0.0, true,
                    false, 1, "", 1, 0, 0, 0, 0);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; expected one of " + PRESETS);
        };
    }

    /**
     * The flow model's presets. It has no critic and no heatmaps, so it reads only seed, steps, batchSize,
     * lrGenerator (its one learning rate), beta1, beta2, augment, embeddingScale, emaDecay, captionNoise, threads
     * and the operational fields; the others keep the cond preset's values and mean nothing to it.
     * <ul>
     *   <li>{@code cpu}: batch 128, Adam(1e-3; 0.9, 0.999) as for a regression network (no adversary to keep up
     *       with), EMA 0.999, caption noise {@value #FLOW_CAPTION_NOISE}, 1 thread, checkpoints every 5 minutes,
     *       and a 45-minute limit so that the one command stays within the hour on a shared 2-core machine.</li>
     *   <li>{@code smoke}: batch 4, 2 updates, no augmentation, for tests.</li>
     * </ul>
     */
    private static TrainConfig flowPreset(String name, Stage stage) {
        float scale = TextScaling.DEFAULT_EMBEDDING_SCALE;
        return switch (name) {
            case "cpu" -> new TrainConfig(name, stage, ModelKind.FLOW, 0, CPU_FLOW_STEPS, 128, 1, 1e-3, 1e-3, 0.9,
                    0.999, 0, 0, 0, HeatmapRange.ZERO_TO_ONE, true, scale, 0.999, FLOW_CAPTION_NOISE, true,
                    false, 1, "", 200, 0, 0, 5, 45);
            case "smoke" -> new TrainConfig(name, stage, ModelKind.FLOW, 0, 2, 4, 1, 1e-3, 1e-3, 0.9, 0.999, 0, 0,
                    0, HeatmapRange.ZERO_TO_ONE, false, scale, 0.0, FLOW_CAPTION_NOISE, true,
                    false, 1, "", 1, 0, 0, 0, 0);
            default -> throw new IllegalArgumentException("the flow model has presets cpu and smoke, not '" + name
                    + "'");
        };
    }

    /** The default preset, {@code cpu}, for a stage of the paper's model. */
    public static TrainConfig defaults(Stage stage) {
        return preset("cpu", stage, ModelKind.HEATMAP);
    }

    /** Whether the text vector conditions the networks. */
    public boolean conditional() {
        return stage == Stage.COND;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
