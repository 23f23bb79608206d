package dev.text2pose.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows of the table, in the order the report shows them, and the ones a run was not given.
 *
 * <p>Two rows come from training checkpoints rather than built-in data; the {@code evaluate} command exports each run
 * it is given ({@code --regression}, {@code --unconditional}) as a bundle and passes its row in {@code extra}, built
 * by {@link #regression} and {@link #unconditional} around a {@link BundleGenerator}, so every generator row is
 * scored through ONNX Runtime and the in-graph decoder by one path, with the same noise for the same query:
 * <ul>
 *   <li>{@link #REGRESSION}, {@link EvaluationRow.Kind#BASELINE}, in figures: the paper's MLP, its keypoints present
 *       above the bundle's threshold (0.8, the paper's for this model);</li>
 *   <li>{@link #UNCONDITIONAL}, {@link EvaluationRow.Kind#GENERATOR}, not in figures: the stage-1 generator, whose
 *       graph takes the caption and ignores it.</li>
 * </ul>
 * A run without them lists them through {@link #missing} as not evaluated rather than leaving them out silently.
 */
public final class EvaluationRows {

    /** Key of the real-pose row. */
    public static final String REAL = "real";
    /** Key of the random-training-pose baseline. */
    public static final String RANDOM = "random_training_pose";
    /** Key of the constant mean-pose baseline. */
    public static final String MEAN = "mean_pose";
    /** Key of the caption-retrieval baseline. */
    public static final String RETRIEVAL = "caption_retrieval";
    /** Key the regression baseline's row must use. */
    public static final String REGRESSION = "regression";
    /** Key the unconditional generator's row must use. */
    public static final String UNCONDITIONAL = "unconditional";
    /** Key of the conditional generator's row: ours. */
    public static final String CONDITIONAL = "conditional";

    /** Labels of the rows, by key, where the label is needed without the row (targets that compare with it). */
    public static final Map<String, String> LABELS = Map.of(REAL, "real poses", RANDOM, "random training pose",
            MEAN, "mean pose", RETRIEVAL, "caption retrieval", REGRESSION, "regression baseline", UNCONDITIONAL,
            "unconditional generator", CONDITIONAL, "conditional generator");

    /** Rows the issue asks for that need a training checkpoint, with what each is and the option that gives it. */
    public static final Map<String, String> NEEDS_TRAINING_CODE = Map.of(
            REGRESSION, "regression baseline (the paper's MLP generator from train --stage cond --model mlp; "
                    + "pass its run folder as --regression)",
            UNCONDITIONAL, "unconditional generator (the stage-1 generator from train --stage uncond; pass its run "
                    + "folder as --unconditional)");

    private EvaluationRows() {
    }

    /**
     * Real poses, random training pose, mean pose, caption retrieval, then {@code extra} in the given order, then
     * the conditional generator.
     */
    public static List<EvaluationRow> of(EvaluationData data, PoseSource conditional, List<EvaluationRow> extra) {
        List<EvaluationRow> rows = new ArrayList<>();
        rows.add(new EvaluationRow(REAL, LABELS.get(REAL), new GroundTruthPoses(data.evalPoses()),
                EvaluationRow.Kind.REAL, false));
        rows.add(new EvaluationRow(RANDOM, LABELS.get(RANDOM), new RandomTrainingPose(data.trainPoses()),
                EvaluationRow.Kind.BASELINE, false));
        rows.add(new EvaluationRow(MEAN, LABELS.get(MEAN), new MeanPose(data.trainPoses()),
                EvaluationRow.Kind.BASELINE, false));
        rows.add(new EvaluationRow(RETRIEVAL, LABELS.get(RETRIEVAL), new CaptionRetrieval(data.trainPoses(),
                data.trainCaptionEmbeddings(), data.trainCaptionPose()), EvaluationRow.Kind.BASELINE, true));
        rows.addAll(extra);
        rows.add(new EvaluationRow(CONDITIONAL, LABELS.get(CONDITIONAL), conditional,
                EvaluationRow.Kind.GENERATOR, true));
        return rows;
    }

    /** The regression baseline's row, answered by {@code source} (the MLP's bundle). */
    public static EvaluationRow regression(PoseSource source) {
        return new EvaluationRow(REGRESSION, LABELS.get(REGRESSION), source, EvaluationRow.Kind.BASELINE, true);
    }

    /** The unconditional generator's row, answered by {@code source} (the stage-1 generator's bundle). */
    public static EvaluationRow unconditional(PoseSource source) {
        return new EvaluationRow(UNCONDITIONAL, LABELS.get(UNCONDITIONAL), source, EvaluationRow.Kind.GENERATOR,
                false);
    }

    /**
     * A row of any other bundle (another model kind, another run of the same one), scored like the others: how a new
     * model sits in the same run as the paper's.
     *
     * @throws IllegalArgumentException when {@code name} is a built-in row's key or not a plain word
     */
    public static EvaluationRow bundle(String name, BundleGenerator source) {
        if (LABELS.containsKey(name) || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a bundle row needs a plain name (letters, digits, _ . -) other than "
                    + LABELS.keySet() + ", got '" + name + "'");
        }
        return new EvaluationRow(name, name, source, EvaluationRow.Kind.GENERATOR, false);
    }

    /** The keys of {@link #NEEDS_TRAINING_CODE} that {@code rows} lack, sorted. */
    public static List<String> missing(List<EvaluationRow> rows) {
        Set<String> present = rows.stream().map(EvaluationRow::key).collect(Collectors.toSet());
        return NEEDS_TRAINING_CODE.keySet().stream().filter(k -> !present.contains(k)).sorted().toList();
    }
}
