package dev.text2pose.trainer.cli;

import dev.text2pose.model.OrtSessions;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CocoDatasets;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.DatasetHash;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.data.PoseDataset;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.ConfigCodec;
import dev.text2pose.trainer.train.ModelKind;
import dev.text2pose.trainer.train.Stage;
import dev.text2pose.trainer.train.StepLosses;
import dev.text2pose.trainer.train.TrainConfig;
import dev.text2pose.trainer.train.TrainResult;
import dev.text2pose.trainer.train.TrainRun;
import dev.text2pose.trainer.train.Trainer;
import dev.text2pose.trainer.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train}: trains one stage of the paper's model (or its MLP baseline) on the COCO files and writes a run
 * folder: {@code losses.csv}, {@code losses.png} (its curves, redrawn at each checkpoint), {@code
 * samples/step-NNNNNN.png}, {@code checkpoint/}. Progress lines go to stderr, a summary to stdout. Examples:
 * <pre>
 * train --stage uncond --output /work/runs/stage1                       # the cpu preset
 * train --stage uncond --output /work/runs/stage1 --resume --set steps=3600
 * train --stage cond --set initFrom=/work/runs/stage1/checkpoint --output /work/runs/stage2
 * train --stage cond --model mlp --output /work/runs/mlp
 * </pre>
 * Stage 2 trains on train2017's single-person images with their captions, never on an image the val2017 files list;
 * its captions are embedded with the serving encoder once and cached.
 */
@Command(name = "train", description = "Trains a stage of the text-to-pose GAN and writes a resumable run folder.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--stage", description = "uncond (stage 1) or cond (stage 2; default); taken from the checkpoint "
            + "on --resume.")
    private String stage;

    @Option(names = "--model", description = "heatmap (the paper's model; default) or mlp (regression baseline).")
    private String model;

    @Option(names = "--preset", description = "cpu (default), paper or smoke.")
    private String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config field, e.g. nCritic=3; "
            + "repeatable. Unknown keys are refused. On --resume only steps, threads and the logging/checkpoint/time "
            + "keys may change.")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--output", required = true, description = "The run folder (created if missing).")
    private Path output;

    @Option(names = "--resume", description = "Continue the checkpoint in --output.")
    private boolean resume;

    @Option(names = "--data", description = "COCO annotation files (default ../shared/data/coco).")
    private Path data;

    @Option(names = "--cache", description = "Caption embedding cache (default ~/.cache/text2pose).")
    private Path cache;

    @Override
    public Integer call() throws IOException {
        TrainConfig config = config();
        TrainingData trainingData = load(config);
        TrainResult result = Trainer.run(config, trainingData, new TrainRun(output, resume, CodeVersion.current(),
                System.err));
        print(result);
        return 0;
    }

    private TrainConfig config() {
        Map<String, String> sets = new LinkedHashMap<>();
        try {
            overrides.forEach(o -> {
                Map.Entry<String, String> e = ConfigCodec.parseAssignment(o);
                sets.put(e.getKey(), e.getValue());
            });
            if (resume) {
                TrainConfig saved = Checkpoint.read(Checkpoint.in(output)).config();
                requireUnchanged("--stage", stage, saved.stage().label());
                requireUnchanged("--model", model, saved.model().label());
                requireUnchanged("--preset", preset, saved.preset());
                TrainConfig resumed = ConfigCodec.with(saved, sets);
                List<String> changes = ConfigCodec.trajectoryChanges(saved, resumed);
                if (!changes.isEmpty()) {
                    throw new IllegalArgumentException("a resumed run keeps its trajectory; refused " + changes
                            + " (only " + TrainConfig.OPERATIONAL + " may change)");
                }
                return resumed;
            }
            Stage s = Stage.fromLabel(stage == null ? "cond" : stage);
            ModelKind m = ModelKind.fromLabel(model == null ? "heatmap" : model);
            return ConfigCodec.with(TrainConfig.preset(preset == null ? "cpu" : preset, s, m), sets);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void requireUnchanged(String option, String given, String saved) {
        if (given != null && !given.equals(saved)) {
            throw new IllegalArgumentException(option + " " + given + " differs from the checkpoint's " + saved
                    + "; a resumed run keeps its stage, model and preset");
        }
    }

    private TrainingData load(TrainConfig config) throws IOException {
        Path directory = data != null ? data : CocoFiles.defaultDirectory();
        CocoFiles files = CocoFiles.in(directory);
        if (!config.conditional()) {
            PoseDataset poses = CocoDatasets.stage1(files.trainKeypoints());
            return TrainingData.unconditional("stage 1: train2017 persons", poses.poses(), poses.hash());
        }
        List<CaptionedPose> train = CocoDatasets.stage2(files.trainKeypoints(), files.trainCaptions()).samples();
        try (LazyMiniLm encoder = new LazyMiniLm(OrtSessions.cpu())) {
            return TrainingData.conditional("stage 2: train2017 single persons with captions ("
                            + files.trainCaptions().getFileName() + ")", train, embed(train, encoder),
                    encoder.fingerprint(), DatasetHash.ofCaptioned(train),
                    CocoDatasets.listedImageIds(files.valKeypoints(), files.valCaptions()));
        }
    }

    /** One raw vector per caption, grouped per sample, from the cache or the serving encoder. */
    private List<float[][]> embed(List<CaptionedPose> samples, CaptionEmbedder encoder) throws IOException {
        List<String> captions = samples.stream().flatMap(s -> s.captions().stream()).toList();
        Path cacheDir = cache != null ? cache : EmbeddingCache.defaultDirectory();
        float[][] vectors = new EmbeddingCache(cacheDir).embed(captions, encoder);
        List<float[][]> grouped = new ArrayList<>(samples.size());
        int next = 0;
        for (CaptionedPose sample : samples) {
            float[][] mine = new float[sample.captions().size()][];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = vectors[next++];
            }
            grouped.add(mine);
        }
        return grouped;
    }

    private void print(TrainResult r) {
        var out = spec.commandLine().getOut();
        out.printf("%s %s: steps %d -> %d of %d (%s)%n", r.config().model().label(), r.config().stage().label(),
                r.startStep(), r.endStep(), r.config().steps(), r.finished() ? "finished" : "stopped by maxMinutes");
        out.printf("time per critic step %.3f s, per generator step %.3f s; %.0f s wall, %.0f s CPU%n",
                r.criticSeconds(), r.generatorSeconds(), r.wallSeconds(), r.cpuSeconds());
        if (!r.losses().isEmpty()) {
            StepLosses last = r.losses().get(r.losses().size() - 1);
            out.printf("last losses: D %.4f, W %.4f, gap %.4f, penalty %.4f, |grad| %.3f, G %.4f%n", last.criticLoss(),
                    last.wasserstein(), last.mismatchGap(), last.penalty(), last.gradNorm(), last.generatorLoss());
        }
        out.printf("checkpoint %s; resume with: train --output %s --resume%n", r.checkpoint(), output);
        out.flush();
    }
}
