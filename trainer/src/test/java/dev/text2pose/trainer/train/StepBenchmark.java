package dev.text2pose.trainer.train;

import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.bytedeco.pytorch.global.torch.get_mkldnn_version;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.bytedeco.pytorch.global.torch.show_config;

/**
 * Times the trainer's own critic and generator steps ({@link Trainer#criticStep}, {@link Trainer#generatorStep}) on
 * fixed synthetic inputs: the paper's conditional heatmap model (stage cond, {@code cpu} preset: batch 64, lambda
 * 150, the mismatched-text term, the joint penalty by second-order autograd, the interpolated-text term, fakes
 * without graph), {@code K} warm-up steps of each, then {@code N} timed ones. The EMA of G is not part of a step and
 * is left out, so {@code trainer/bench/peer_check.py} can time the same work in PyTorch from Python.
 *
 * <p>A benchmark, not a test; {@code trainer/bench/peer-check.sh} runs it beside its Python peer. Arguments:
 * {@code [--threads 1] [--warmup 3] [--steps 10] [--batch 64] [--bf16 0|1]} ({@code --bf16 1}: the config's
 * {@code autocastBf16}). It prints one line of {@code key=value} pairs, for
 * example {@code peer=java torch=2.10.0 threads=1 batch=64 warmup=3 steps=10 critic_ms=812.4 generator_ms=301.7 ...}.
 */
public final class StepBenchmark {

    private static final int SAMPLES = 256;

    private StepBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, Integer> options = options(args);
        int threads = options.get("threads");
        int warmup = options.get("warmup");
        int steps = options.get("steps");
        TrainConfig config = ConfigCodec.with(TrainConfig.preset("cpu", Stage.COND, ModelKind.HEATMAP),
                Map.of("threads", Integer.toString(threads), "batchSize", options.get("batch").toString(),
                        "autocastBf16", Boolean.toString(options.get("bf16") == 1)));
        set_num_threads(threads);

        PoseGan gan = Gans.create(config, PaperSpec.TEXT_DIM);
        gan.generator().train(true);
        gan.critic().train(true);
        Adam generatorAdam = PaperAdam.create(gan.generator(), config.lrGenerator(), config.beta1(), config.beta2());
        Adam criticAdam = PaperAdam.create(gan.critic(), config.lrCritic(), config.beta1(), config.beta2());
        Batches batches = new Batches(TrainFixtures.conditional(SAMPLES, PaperSpec.TEXT_DIM), config);
        Batches.Critic criticBatch = batches.critic(0);
        Batches.Generator generatorBatch = batches.generator(0);

        double[] criticLoss = new double[1];
        double[] generatorLoss = new double[1];
        double criticMs = medianMillis(warmup, steps,
                () -> criticLoss[0] = Trainer.criticStep(gan, criticAdam, criticBatch, config).loss());
        double generatorMs = medianMillis(warmup, steps,
                () -> generatorLoss[0] = Trainer.generatorStep(gan, generatorAdam, generatorBatch, config).loss());
        String torch = version("TORCH_VERSION=([0-9.]+)", show_config().getString());
        String oneDnn = version("v([0-9.]+)", get_mkldnn_version().getString());
        System.out.printf("peer=java torch=%s onednn=%s bf16=%s threads=%d batch=%d warmup=%d steps=%d critic_ms=%.1f "
                + "generator_ms=%.1f critic_loss=%.4g generator_loss=%.4g%n", torch, oneDnn, config.autocastBf16(), threads,
                config.batchSize(), warmup, steps, criticMs, generatorMs, criticLoss[0], generatorLoss[0]);
    }

    /** The median wall time of {@code steps} calls of {@code step} after {@code warmup} untimed ones. */
    @SuppressWarnings("try") // PointerScope works by its extent
    private static double medianMillis(int warmup, int steps, DoubleSupplier step) {
        double[] millis = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            try (PointerScope scope = new PointerScope()) {
                long start = System.nanoTime();
                step.getAsDouble(); // the step reads its losses back, which waits for every kernel
                if (i >= warmup) {
                    millis[i - warmup] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return steps % 2 == 1 ? millis[steps / 2] : (millis[steps / 2 - 1] + millis[steps / 2]) / 2;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new LinkedHashMap<>(Map.of("threads", 1, "warmup", 3, "steps", 10,
                "batch", 64, "bf16", 0));
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!options.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: StepBenchmark [--threads N] [--warmup K] [--steps N] "
                        + "[--batch B] [--bf16 0|1]; got " + String.join(" ", args));
            }
            options.put(key, Integer.parseInt(args[i + 1]));
        }
        if (options.get("steps") < 1 || options.get("threads") < 1) {
            throw new IllegalArgumentException("steps and threads must be >= 1");
        }
        return options;
    }

    /** The first group of {@code regex} in {@code text}: a version number in libtorch's build information. */
    private static String version(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "unknown";
    }
}
