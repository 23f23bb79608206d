package dev.text2pose.trainer.cli;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.train.CheckpointExport;
import dev.text2pose.trainer.export.HeatmapGeneratorExport;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.TextScaling;
import dev.text2pose.trainer.train.Stage;
import dev.text2pose.trainer.train.TrainConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code export}: writes a generator as an ONNX model bundle.
 *
 * <p>Two sources of the generator:
 * <ul>
 *   <li>{@code --checkpoint DIR}: the generator of a {@code train} run of any model kind (its folder or its
 *       {@code checkpoint/} folder), through {@link CheckpointExport}: the paper's stage-2 generator, its stage-1
 *       generator (which takes the caption and ignores it) or the regression MLP; the EMA generator when the run
 *       kept one (unless {@code --raw}). The embedding scale, heatmap range, text encoder and the whole provenance
 *       come from the checkpoint; {@code --seed}, {@code --embedding-scale} and {@code --heatmap-range} are refused
 *       rather than ignored.</li>
 *   <li>{@code --untrained}: a generator initialised the paper's way from {@code --seed}, which is how the service
 *       got a default bundle before any training ({@code export --untrained --seed 0 --output
 *       serving/inference/src/main/resources/models/default.onnx}). Its heatmap range defaults to the one the
 *       default training preset uses, so an untrained bundle decodes as a trained one would.</li>
 * </ul>
 */
@Command(name = "export", description = "Writes a generator as an ONNX model bundle.")
final class ExportCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);
    private static final List<String> UNTRAINED_ONLY = List.of("--seed", "--embedding-scale", "--heatmap-range");

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--untrained", description = "Export a randomly initialised generator (no training).")
    private boolean untrained;

    @Option(names = "--checkpoint", description = "Export the trained generator of this run folder or checkpoint.")
    private Path checkpoint;

    @Option(names = "--raw", description = "With --checkpoint: the raw generator even when the run kept an EMA one.")
    private boolean raw;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weight initialisation (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--output", required = true, description = "Path of the .onnx file to write.")
    private Path output;

    @Option(names = "--embedding-scale", defaultValue = "" + TextScaling.DEFAULT_EMBEDDING_SCALE,
            description = "Factor applied to the raw text embedding inside the graph (default ${DEFAULT-VALUE}).")
    private float embeddingScale;

    @Option(names = "--heatmap-range", description = "Range of the untrained generator's heatmaps, [-1,1] or [0,1] "
            + "(default ${DEFAULT-VALUE}, as training's default preset and the shipped bundles).")
    private String heatmapRange = TrainConfig.defaults(Stage.COND).heatmapRange().label();

    @Option(names = "--calibrate-presence", description = "With --checkpoint: fit per-keypoint presence thresholds "
            + "on the validation split and apply them in the graph (see PresenceCalibration).")
    private boolean calibratePresence;

    @Option(names = "--data", description = "With --calibrate-presence: folder of the COCO files (default "
            + "../shared/data/coco).")
    private Path data;

    @Option(names = "--cache", description = "With --calibrate-presence: folder for the caption embedding cache "
            + "(default ~/.cache/text2pose).")
    private Path cache;

    @Option(names = "--sampler-steps", description = "With a flow checkpoint: Euler steps the graph unrolls "
            + "(default ${DEFAULT-VALUE}).")
    private int samplerSteps = FlowSampler.SHIPPED.steps();

    @Option(names = "--guidance", description = "With a flow checkpoint: classifier-free guidance weight w, "
            + "v = v_null + w (v_text - v_null); 1 is none (default ${DEFAULT-VALUE}).")
    private float guidance = FlowSampler.SHIPPED.guidance();

    @Option(names = "--temperature", description = "With a flow checkpoint: factor on the noise the flow starts "
            + "from; below 1 trades diversity for typical poses (default ${DEFAULT-VALUE}).")
    private float temperature = FlowSampler.SHIPPED.temperature();

    @Option(names = "--bounded", negatable = true, description = "With a flow checkpoint: clamp each step's "
            + "predicted pose to the range real poses lie in, so guidance cannot run off the frame (default "
            + "${DEFAULT-VALUE}).")
    private boolean bounded = FlowSampler.SHIPPED.bounded();

    @Override
    public Integer call() throws Exception {
        if (untrained == (checkpoint != null)) {
            throw new ParameterException(spec.commandLine(), "pass exactly one of --untrained and --checkpoint");
        }
        if (calibratePresence && checkpoint == null) {
            throw new ParameterException(spec.commandLine(), "--calibrate-presence needs --checkpoint");
        }
        if (checkpoint != null) {
            refuseUntrainedOnlyOptions();
            return exportTrained();
        }
        HeatmapRange range = parseRange();
        EncoderFingerprint encoder = MiniLmEncoder.classpathFingerprint();
        BundleDescription description = BundleDescription.untrained(encoder, embeddingScale, seed,
                CodeVersion.current());
        LOG.info("export: untrained, seed {}, embedding scale {}, heatmap range {}, text encoder {}, output {}",
                seed, embeddingScale, range.label(), encoder, output);
        HeatmapGenerator generator = HeatmapGenerator.conditional(seed);
        generator.eval();
        BundleMetadata metadata = new OnnxExporter().export(new HeatmapGeneratorExport(generator, range), description,
                output);
        LOG.info("wrote {} ({} bytes), model version {}", output, Files.size(output), metadata.modelVersion());
        return 0;
    }

    private int exportTrained() throws IOException {
        CheckpointExport export = CheckpointExport.of(checkpoint, !raw,
                new FlowSampler(samplerSteps, guidance, temperature, bounded));
        LOG.info("export: trained {} ({}), output {}", checkpoint, export.network().architecture(), output);
        long seedOfRun = Long.parseLong(export.description().provenance().get("seed"));
        BundleMetadata metadata = calibratePresence
                ? CalibratedExport.write(export.network(), export.description(), output,
                data != null ? data : CocoFiles.defaultDirectory(),
                cache != null ? cache : EmbeddingCache.defaultDirectory(), seedOfRun)
                : export.write(output);
        LOG.info("wrote {} ({} bytes), model version {}", output, Files.size(output), metadata.modelVersion());
        return 0;
    }

    /** A checkpoint's bundle takes the run's seed, scale and range: a flag that would be ignored is an error. */
    private void refuseUntrainedOnlyOptions() {
        for (String option : UNTRAINED_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " applies to --untrained only; the bundle "
                        + "of a checkpoint takes its run's seed, embedding scale and heatmap range");
            }
        }
    }

    private HeatmapRange parseRange() {
        try {
            return HeatmapRange.fromLabel(heatmapRange);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
