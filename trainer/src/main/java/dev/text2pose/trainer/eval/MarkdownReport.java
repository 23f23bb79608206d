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

    private static final String READING = """
            How to read it (definitions in `notes/paper.md`, "Evaluation"):
            - Distances are the sum over the 17 keypoints of the Euclidean distance in 64x64-frame pixels, absent \
            keypoints at the centre (32, 32); every number averages all captions and noise draws.
            - **GT dist:** to the pose of the caption's own image. **NN dist eval / train:** to the nearest real pose \
            of the evaluated images / the training images (realism). **NN is GT:** how often that nearest evaluated \
            pose is the caption's own.
            - **1-NN acc:** leave-one-out 1-nearest-neighbour accuracy telling the row's poses (one per image and \
            draw) from the evaluated real poses; 0.5 means indistinguishable, 1.0 fully separable.
            - **diversity:** mean distance between two draws of one caption. **present:** fraction of keypoints \
            present; compare with the real row, since all-absent output sits at the centre and scores a small NN \
            distance.
            - **R@k:** R-precision of a contrastive text-pose model trained on the training split: how often the \
            caption is in the top k of a pool of 32 (itself and 31 captions of other evaluated images), over 10 pools \
            (chance: 0.031, 0.063, 0.094). Two such judges are trained, one per half of the training images, and a \
            pose is scored by the one that did not see the half of its nearest training pose, so rows that answer \
            with training poses are not rewarded for the judge's memory.
            - **real poses** row: the floor. Its NN dist eval leaves the own image out, its 1-NN acc compares the \
            evaluated poses with as many random training poses, and its R@k is the ceiling for a generator.
            """;
}
