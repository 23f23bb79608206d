package dev.text2pose.trainer.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.md}: the exact command, what was evaluated, the metrics table with how to read it, the rows
 * that could not be made, the figures and the timings. Figures are linked by file name, so the output folder can be
 * moved or committed as a whole.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** Writes the report of {@code result} to {@code file}. */
    public static void write(EvaluationResult result, Path file) throws IOException {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    static String render(EvaluationResult result) {
        EvaluationConfig config = result.config();
        EvaluationData data = result.data();
        StringBuilder md = new StringBuilder("# text2pose evaluation\n\n");
        md.append("Made by:\n\n```\n").append(config.command()).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "- **Model:** `%s`, version `%s`, %s.%n", result.modelName(),
                result.model().modelVersion(), result.model().trained() ? "trained"
                        : "**untrained** (random weights: its poses follow no caption)"));
        md.append(String.format(Locale.ROOT, "- **Evaluated:** the `%s` split of `%s`: %d single-person images, "
                        + "%d captions, %d noise draws each, seed %d (data hash `%.12s`).%n", config.split().label(),
                config.files().keypoints().getFileName(), data.evalImages().size(), data.queries().size(),
                config.draws(), config.seed(), data.evalHash()));
        md.append(String.format(Locale.ROOT, "- **Training reference:** the single-person images of `%s`: %d images, %d "
                        + "captions (data hash `%.12s`)%s.%n%n", config.files().trainKeypoints().getFileName(),
                data.trainImages().size(), data.trainCaptionPose().length, data.trainHash(),
                data.droppedTrainImages() > 0 ? "; " + data.droppedTrainImages()
                        + " images left out because they are also evaluated" : ""));
        md.append("## Metrics\n\n").append(result.table()).append('\n');
        md.append(READING);
        RowMetrics ours = result.row(EvaluationRows.CONDITIONAL).metrics();
        md.append(String.format(Locale.ROOT, "%n## Headline numbers with 95%% intervals%n%n"
                        + "Each interval is the 2.5th to 97.5th percentile of the metric recomputed on %d bootstrap "
                        + "resamples of the evaluated images (drawn with replacement, seed-fixed, the same resamples "
                        + "for every row), moved so that the resamples' median sits on the estimate: a resample repeats "
                        + "some images and lacks others, which on its own raises FID and lowers 1-NN accuracy (here, "
                        + "for the conditional generator, by %+.3f and %+.3f), while means barely move (GT dist "
                        + "%+.1f).%n%n", config.resamples(), ours.fid().shift(), ours.oneNnAccuracy().shift(),
                ours.groundTruthDistance().shift()));
        md.append(result.intervalTable()).append('\n').append(ceilingAndFloor(result)).append('\n');
        String paired = PairedDifferences.markdown(result);
        if (!paired.isEmpty()) {
            md.append("## Paired differences\n\nEach other generator minus the conditional generator, metric by metric, "
                    + "on the same bootstrap resamples: the estimate's difference and the 95% interval of the "
                    + "per-resample differences. Pairing removes the spread both rows share (which images were drawn), "
                    + "so a difference can exclude 0 while the rows' own intervals overlap. **better** / **worse**: "
                    + "the interval excludes 0; presence error is |present − real present|.\n\n")
                    .append(paired).append('\n');
        }
        md.append("## Targets\n\nThe issue's bars for the conditional generator, computed from the numbers above:\n\n")
                .append(Targets.markdown(result.targets())).append('\n');
        md.append("## Keypoint presence\n\nFraction of poses with each keypoint present; read each row against the "
                + "real poses.\n\n").append(PresenceTable.markdown(result.rows())).append('\n');
        if (!result.missingRows().isEmpty()) {
            md.append("\n**Not evaluated in this run** (no checkpoint given):\n\n");
            result.missingRows().forEach(key -> md.append("- ").append(EvaluationRows.NEEDS_TRAINING_CODE.get(key))
                    .append('\n'));
        }
        md.append("\n## Figures\n\n");
        for (Map.Entry<String, String> figure : result.figures().entrySet()) {
            md.append("**").append(figure.getKey()).append("**\n\n![").append(figure.getKey()).append("](")
                    .append(figure.getValue()).append(")\n\n");
        }
        md.append("## Timings (wall seconds)\n\n");
        result.timings().forEach((stage, seconds) -> md.append(String.format(Locale.ROOT, "- %s: %.1f%n", stage,
                seconds)));
        return md.toString();
    }

    /** The judge's real-pose ceiling beside the generator's R@3, and the FID floor, spelled out. */
    private static String ceilingAndFloor(EvaluationResult result) {
        RowMetrics real = result.row(EvaluationRows.REAL).metrics();
        RowMetrics ours = result.row(EvaluationRows.CONDITIONAL).metrics();
        double ceiling = real.top3().estimate();
        String line = String.format(Locale.ROOT, "- **R@3 ceiling** (the judge on real poses): %.3f; the conditional "
                        + "generator's R@3 %.3f is %.2f of it.%n", ceiling, ours.top3().estimate(),
                ours.top3().estimate() / ceiling);
        return line + (real.fid() == null ? "- **FID floor:** none (no other held-out split to compare with).\n"
                : String.format(Locale.ROOT, "- **FID floor** (real validation poses against real test poses, the "
                + "real-pose row's FID): %.3f; the conditional generator's FID: %.3f. The floor fits one pose per "
                + "image on both sides, a row all its draws against the %d evaluated poses; fewer poses add more "
                + "finite-sample FID, so a row of real poses can score below the floor (the random training pose "
                + "shows real against real at a row's sample size).%n", real.fid().estimate(), ours.fid().estimate(),
                result.data().evalPoses().size()));
    }

    private static final String READING = """
            How to read it (definitions in `notes/paper.md`, "Evaluation"):
            - Distances are the sum over the 17 keypoints of the Euclidean distance in 64x64-frame pixels, absent \
            keypoints at the centre (32, 32); every number averages all captions and noise draws.
            - **GT dist:** to the pose of the caption's own image. **NN dist eval / train:** to the nearest real pose \
            of the evaluated images / the training images (realism). **NN is GT:** how often that nearest evaluated \
            pose is the caption's own.
            - **1-NN acc:** leave-one-out 1-nearest-neighbour accuracy telling the row's poses (one per image and \
            draw) from the evaluated real poses; 0.5 means indistinguishable, 1.0 fully separable.
            - **diversity:** mean distance between two draws of one caption (same caption, other noise). **caption \
            sens.:** mean distance between the poses of two captions of different images under the same noise; a \
            row that follows the words moves more when the caption changes than when the noise does. **present:** \
            fraction of keypoints present; compare with the real row, since all-absent output sits at the centre \
            and scores a small NN distance.
            - **caption match:** per pose, its mean distance to the other evaluated images' real poses minus its \
            distance to its own image's pose, averaged per image, then over images. A constant pose scores 0, \
            whatever pose it is, so unlike GT dist it does not reward drifting to the average; real poses score the \
            ceiling.
            - **FID:** Fréchet distance between Gaussians fitted to the R-precision judges' pose embeddings (64-d, \
            unit length) of the row's poses and of the evaluated real poses, as PoseScript computes it; the mean \
            over the two judges' spaces. Lower is more realistic; the real row shows the floor.
            - **R@k:** R-precision of a contrastive text-pose model trained on the training split: how often the \
            caption is in the top k of a pool of 32 (itself and 31 captions of other evaluated images), over 10 pools \
            (chance: 0.031, 0.063, 0.094). Two such judges are trained, one per half of the training images, and a \
            pose is scored by the one that did not see the half of its nearest training pose, so rows that answer \
            with training poses are not rewarded for the judge's memory.
            - **real poses** row: the floor. Its NN dist eval leaves the own image out, its 1-NN acc compares the \
            evaluated poses with as many random training poses, its FID compares the real poses of the other \
            held-out split with the evaluated ones, and its R@k and caption match are the ceilings for a generator.
            - **mean pose** row: the mean training pose for every caption, each keypoint present when most training \
            poses have it.
            """;
}
