package dev.text2pose.trainer.cli;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.eval.BundleGenerator;
import dev.text2pose.trainer.eval.Evaluation;
import dev.text2pose.trainer.eval.EvaluationConfig;
import dev.text2pose.trainer.eval.EvaluationDataLoader;
import dev.text2pose.trainer.eval.EvaluationResult;
import dev.text2pose.trainer.eval.EvaluationRow;
import dev.text2pose.trainer.eval.EvaluationRows;
import dev.text2pose.trainer.eval.EvaluationSplit;
import dev.text2pose.trainer.eval.Targets;
import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;
import dev.text2pose.trainer.eval.stats.ImageBootstrap;
import dev.text2pose.trainer.train.CheckpointExport;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.ModelKind;
import dev.text2pose.trainer.train.TrainConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code evaluate}: scores a model bundle against every baseline on held-out captions and writes
 * {@code metrics.json}, {@code report.md} and figures; prints the metrics table, the headline numbers with their
 * bootstrap intervals and the targets. For example, from the repository
 * root, the project's test split with the service's default bundle, then a trained bundle with the two rows that
 * come from training checkpoints:
 *
 * <pre>
 * ... TrainerCli evaluate --output target/eval --seed 0
 * ... TrainerCli evaluate --model model.onnx --regression runs/mlp --unconditional runs/stage1 --output target/eval
 * </pre>
 *
 * <p>{@code --regression} and {@code --unconditional} take a run folder or its {@code checkpoint/} folder; each
 * run is exported as a bundle ({@link CheckpointExport}, the EMA generator when the run kept one) into
 * {@code <output>/bundles/}, and its row is scored through that bundle exactly as the main one: every generator row
 * goes through ONNX Runtime and the in-graph decoder, by one path ({@link BundleGenerator}). A row whose option is
 * absent is listed as not evaluated.
 *
 * <p>The data files default to the project's val2017 keypoints and captions in {@code ../shared/data/coco}, and the
 * training reference to its train2017 keypoints and captions there; another COCO-format pair runs unchanged with
 * {@code --split all}. Caption vectors and the retrieval model are cached in
 * {@code --cache}, so a rerun only generates and scores.
 */
@Command(name = "evaluate", description = "Scores a model bundle and the baselines on held-out captions.")
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--keypoints", description = "COCO person keypoints file, .json or .json.gz (default: the "
            + "val2017 one in ../shared/data/coco).")
    private Path keypoints;

    @Option(names = "--captions", description = "COCO captions file for the same images "
            + "(default: captions_val2017 in ../shared/data/coco).")
    private Path captions;

    @Option(names = "--train-keypoints", description = "Keypoints file whose single-person images are the training "
            + "reference (default: person_keypoints_train2017 in ../shared/data/coco).")
    private Path trainKeypoints;

    @Option(names = "--train-captions", description = "Captions file of --train-keypoints (default: "
            + "captions_train2017, else captions_train2017_partial, in ../shared/data/coco).")
    private Path trainCaptions;

    @Option(names = "--model", description = "Model bundle (.onnx) of the conditional generator row (default: the "
            + "service's default bundle); combines with --regression and --unconditional.")
    private Path model;

    @Option(names = "--regression", paramLabel = "RUN", description = "Run folder or checkpoint of train --stage "
            + "cond --model mlp: adds the regression baseline row (default: listed as not evaluated).")
    private Path regression;

    @Option(names = "--unconditional", paramLabel = "RUN", description = "Run folder or checkpoint of train --stage "
            + "uncond: adds the unconditional generator row (default: listed as not evaluated).")
    private Path unconditional;

    @Option(names = "--row", paramLabel = "NAME=FILE.onnx", description = "Adds a generator row scored from this "
            + "bundle, before the main one, e.g. --row flow=flow.onnx; repeatable (default: none).")
    private Map<String, Path> bundleRows = new LinkedHashMap<>();

    @Option(names = "--output", required = true, description = "Folder for metrics.json, report.md and figures.")
    private Path output;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--split", defaultValue = "test",
            description = "test, validation or all (every image of the file) (default ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--draws", defaultValue = "" + EvaluationConfig.PAPER_DRAWS,
            description = "Noise draws per caption (default ${DEFAULT-VALUE}).")
    private int draws;

    @Option(names = "--limit-images", defaultValue = "0",
            description = "Evaluate only the first N images of the split, for a quick look (default: all).")
    private int limitImages;

    @Option(names = "--resamples", defaultValue = "" + ImageBootstrap.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples of the evaluated images behind each 95%% interval "
                    + "(default ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--cache", description = "Folder for cached caption vectors and retrieval models "
            + "(default: ~/.cache/text2pose).")
    private Path cache;

    @Option(names = "--retrieval-epochs", description = "Epochs of the retrieval model (default ${DEFAULT-VALUE}).")
    private int retrievalEpochs = RetrievalSettings.defaults().epochs();

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        EvaluationConfig config = config();
        LOG.info("evaluate: {}, regression {}, unconditional {}", config, regression, unconditional);
        OrtSessions sessions = OrtSessions.cpu();
        List<ModelBundle> opened = new ArrayList<>();
        try (LazyMiniLm encoder = new LazyMiniLm(sessions)) {
            List<EvaluationRow> extra = runRows(sessions, opened, encoder);
            ModelBundle bundle = open(opened, () -> model == null ? ModelBundle.loadDefault(sessions)
                    : ModelBundle.load(model, sessions));
            EvaluationResult result = new Evaluation(config, encoder, bundle, extra).run();
            PrintWriter out = spec.commandLine().getOut();
            out.print(result.table());
            out.println();
            out.print(result.intervalTable());
            out.println();
            out.print(Targets.markdown(result.targets()));
            out.printf(Locale.ROOT, "wall time %.1f s; report in %s%n", (System.nanoTime() - start) / 1e9,
                    output.resolve("report.md"));
            out.flush();
        } finally {
            opened.forEach(ModelBundle::close);
        }
        return 0;
    }

    private EvaluationConfig config() throws IOException {
        if (draws < 1 || resamples < 1 || limitImages < 0 || limitImages == 1 || retrievalEpochs < 0) {
            throw new ParameterException(spec.commandLine(), "--draws and --resamples must be >= 1, --limit-images "
                    + "0 or >= 2, --retrieval-epochs >= 0");
        }
        EvaluationSplit evaluationSplit;
        try {
            evaluationSplit = EvaluationSplit.fromLabel(split);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path keypointFile = keypoints != null ? keypoints : projectFiles().valKeypoints();
        Path captionFile = captions != null ? captions : projectFiles().valCaptions();
        EvaluationDataLoader.DataFiles files = new EvaluationDataLoader.DataFiles(keypointFile, captionFile,
                trainKeypoints != null ? trainKeypoints : projectFiles().trainKeypoints(),
                trainCaptions != null ? trainCaptions : projectFiles().trainCaptions());
        RetrievalSettings retrieval = RetrievalSettings.defaults().withEpochs(retrievalEpochs);
        Path cacheDirectory = cache != null ? cache : EmbeddingCache.defaultDirectory();
        return new EvaluationConfig(files, evaluationSplit, limitImages, draws, seed, output, cacheDirectory,
                retrieval, commandLine(), resamples);
    }

    /**
     * The rows of the runs given, each exported as a bundle into {@code <output>/bundles/} and scored through
     * {@link BundleGenerator} like the main bundle; done before anything else so that a wrong folder fails at once.
     */
    private List<EvaluationRow> runRows(OrtSessions sessions, List<ModelBundle> opened, LazyMiniLm encoder)
            throws IOException {
        List<EvaluationRow> rows = new ArrayList<>();
        try {
            if (regression != null) {
                ModelBundle bundle = open(opened, () -> exported(regression, "regression", sessions,
                        c -> c.model() == ModelKind.MLP, "a train --stage cond --model mlp run"));
                bundle.metadata().requireEncoder(bundle.name(), encoder.fingerprint());
                rows.add(EvaluationRows.regression(new BundleGenerator(bundle)));
            }
            if (unconditional != null) {
                ModelBundle bundle = open(opened, () -> exported(unconditional, "unconditional", sessions,
                        c -> c.model() == ModelKind.HEATMAP && !c.conditional(), "a stage-1 (uncond) heatmap run"));
                rows.add(EvaluationRows.unconditional(new BundleGenerator(bundle)));
            }
            for (Map.Entry<String, Path> row : bundleRows.entrySet()) {
                ModelBundle bundle = open(opened, () -> ModelBundle.load(row.getValue(), sessions));
                bundle.metadata().requireEncoder(bundle.name(), encoder.fingerprint());
                rows.add(EvaluationRows.bundle(row.getKey(), new BundleGenerator(bundle)));
            }
        } catch (IllegalArgumentException | UncheckedIOException e) { // BundleException among the first
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return rows;
    }

    /** Exports run {@code run} (the EMA generator when it kept one) to {@code <output>/bundles/<name>.onnx}. */
    private ModelBundle exported(Path run, String name, OrtSessions sessions, Predicate<TrainConfig> kind,
                                 String expected) {
        Path folder = Checkpoint.resolve(run);
        if (!kind.test(Checkpoint.read(folder).config())) {
            throw new IllegalArgumentException(folder + " is not " + expected);
        }
        Path file = output.resolve("bundles").resolve(name + ".onnx");
        try {
            CheckpointExport.of(folder, true).write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return ModelBundle.load(file, sessions);
    }

    /** Opens a bundle and remembers it for closing, so a later failure still closes what was opened. */
    private static ModelBundle open(List<ModelBundle> opened, Supplier<ModelBundle> loader) {
        ModelBundle bundle = loader.get();
        opened.add(bundle);
        return bundle;
    }

    private static CocoFiles projectFiles() throws IOException {
        return CocoFiles.in(CocoFiles.defaultDirectory());
    }

    /** The command as typed, arguments quoted where the shell would need it. */
    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "text2pose-trainer " + args.stream()
                .map(a -> a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
