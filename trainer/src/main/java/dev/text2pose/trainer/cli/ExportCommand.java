package dev.text2pose.trainer.cli;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.export.HeatmapGeneratorExport;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.ModelKind;
import dev.text2pose.trainer.train.Stage;
import dev.text2pose.trainer.train.TrainConfig;
import dev.text2pose.trainer.train.TrainedGenerators;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code export}: writes a conditional generator as an ONNX model bundle.
 *
 * <p>Two sources of the generator:
 * <ul>
 *   <li>{@code --checkpoint DIR}: a trained stage-2 heatmap generator from a {@code train} run (its folder or its
 *       {@code checkpoint/} folder); the EMA generator when the run kept one (unless {@code --raw}). The embedding
 *       scale and heatmap range come from the run's config, and the provenance records its preset, stage, steps,
 *       seed, data hash, code version and wall time; {@code --seed}, {@code --embedding-scale} and
 *       {@code --heatmap-range} are refused rather than ignored.</li>
 *   <li>{@code --untrained}: a generator initialised the paper's way from {@code --seed}, which is how the service
 *       got a default bundle before any training ({@code export --untrained --seed 0 --output
 *       serving/inference/src/main/resources/models/default.onnx}). Its heatmap range defaults to the one the
 *       default training preset uses, so an untrained bundle decodes as a trained one would.</li>
 * </ul>
 */
@Command(name = "export", description = "Writes a conditional generator as an ONNX model bundle.")
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
        BundleDescription description = BundleDescription.of(false, encoder, embeddingScale,
                PaperSpec.PRESENCE_THRESHOLD, provenance());
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
        Path folder = Checkpoint.resolve(checkpoint);
        Checkpoint saved = Checkpoint.read(folder);
        TrainConfig config = saved.config();
        if (config.stage() != Stage.COND || config.model() != ModelKind.HEATMAP) {
            throw new ParameterException(spec.commandLine(), folder + " is a " + config.model().label() + " "
                    + config.stage().label() + " run; only stage-2 (cond) heatmap generators serve captions");
        }
        Path weights = TrainedGenerators.weights(folder, !raw);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", Long.toString(config.seed()));
        provenance.put("preset", config.preset());
        provenance.put("stage", config.stage().label());
        provenance.put("steps", Long.toString(saved.step()));
        provenance.put("data_hash", saved.dataHash());
        provenance.put("code_version", saved.codeVersion());
        provenance.put("wall_time_s", Long.toString(Math.round(saved.wallSeconds())));
        provenance.put("generator", weights.getFileName().toString());
        provenance.put("init_from", config.initFrom().isEmpty() ? "paper init" : config.initFrom());
        provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        BundleDescription description = saved.encoder() != null
                ? BundleDescription.of(true, saved.encoder(), config.embeddingScale(), PaperSpec.PRESENCE_THRESHOLD,
                provenance)
                : unfingerprinted(folder, config, provenance);
        LOG.info("export: trained, {} at step {}, heatmap range {}, output {}", weights, saved.step(),
                config.heatmapRange().label(), output);
        HeatmapGeneratorExport generator = new HeatmapGeneratorExport(TrainedGenerators.heatmap(folder, !raw),
                config.heatmapRange());
        BundleMetadata metadata = calibratePresence
                ? CalibratedExport.write(generator, description, output,
                data != null ? data : CocoFiles.defaultDirectory(),
                cache != null ? cache : EmbeddingCache.defaultDirectory(), config.seed())
                : new OnnxExporter().export(generator, description, output);
        LOG.info("wrote {} ({} bytes), model version {}", output, Files.size(output), metadata.modelVersion());
        return 0;
    }

    /**
     * The bundle of a checkpoint written before encoders were recorded: its vectors came from the one encoder the
     * trainer has ever used, MiniLM, so it names that id and is checked by id and dimension only.
     */
    private static BundleDescription unfingerprinted(Path folder, TrainConfig config, Map<String, String> provenance) {
        LOG.warn("{} records no text encoder (written before encoders were recorded); the bundle names {} without "
                + "a fingerprint and is checked by id and dimension only", folder, MiniLmEncoder.ID);
        return new BundleDescription(true, MiniLmEncoder.ID, null, config.embeddingScale(),
                PaperSpec.PRESENCE_THRESHOLD, provenance, null);
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

    private Map<String, String> provenance() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", Long.toString(seed));
        provenance.put("preset", "untrained");
        provenance.put("steps", "0");
        provenance.put("data_hash", "none");
        provenance.put("code_version", CodeVersion.current());
        provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return provenance;
    }
}
