package dev.text2pose.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows of the table, in the order the report shows them, and the ones this build cannot make yet.
 *
 * <p>Extension point: the regression baseline (the paper's MLP generator) and the unconditional generator come
 * with the training code. Each becomes a row by implementing {@link PoseSource} and passing an
 * {@link EvaluationRow} with the matching key in {@code extra} (the {@code evaluate} command passes none yet):
 * <ul>
 *   <li>{@link #REGRESSION}, {@link EvaluationRow.Kind#BASELINE}, in figures: for each query and draw, noise from
 *       {@link dev.text2pose.model.NoiseSampler} with the query's noise seed (as {@link BundleGenerator} does), the
 *       query's embedding scaled as the MLP was trained, one forward pass for all rows, then
 *       {@code PoseSet.ofKeypoints(MlpPoses.keypoints(...), MlpPoses.VISIBILITY_THRESHOLD)};</li>
 *   <li>{@link #UNCONDITIONAL}, {@link EvaluationRow.Kind#GENERATOR}, not in figures: the same noise, the
 *       embedding ignored, keypoints decoded as the bundle decodes them (argmax, presence above 0.2).</li>
 * </ul>
 * Until then {@link #missing} names them, and the report lists them as not evaluated rather than leaving them out
 * silently.
 */
public final class EvaluationRows {

    /** Key of the real-pose row. */
    public static final String REAL = "real";
    /** Key of the random-training-pose baseline. */
    public static final String RANDOM = "random_training_pose";
    /** Key of the caption-retrieval baseline. */
    public static final String RETRIEVAL = "caption_retrieval";
    /** Key the regression baseline's row must use. */
    public static final String REGRESSION = "regression";
    /** Key the unconditional generator's row must use. */
    public static final String UNCONDITIONAL = "unconditional";
    /** Key of the conditional generator's row: ours. */
    public static final String CONDITIONAL = "conditional";

    /** Rows the issue asks for that need the training code, with what each is. */
    public static final Map<String, String> NEEDS_TRAINING_CODE = Map.of(
            REGRESSION, "regression baseline (the paper's MLP generator, trained by the trainer's train command)",
            UNCONDITIONAL, "unconditional generator (stage-1 weights from the trainer's train command)");

    private EvaluationRows() {
    }

    /**
     * Real poses, random training pose, caption retrieval, then {@code extra} in the given order, then the
     * conditional generator.
     */
    public static List<EvaluationRow> of(EvaluationData data, PoseSource conditional, List<EvaluationRow> extra) {
        List<EvaluationRow> rows = new ArrayList<>();
        rows.add(new EvaluationRow(REAL, "real poses", new GroundTruthPoses(data.evalPoses()),
                EvaluationRow.Kind.REAL, false));
        rows.add(new EvaluationRow(RANDOM, "random training pose", new RandomTrainingPose(data.trainPoses()),
                EvaluationRow.Kind.BASELINE, false));
        rows.add(new EvaluationRow(RETRIEVAL, "caption retrieval", new CaptionRetrieval(data.trainPoses(),
                data.trainCaptionEmbeddings(), data.trainCaptionPose()), EvaluationRow.Kind.BASELINE, true));
        rows.addAll(extra);
        rows.add(new EvaluationRow(CONDITIONAL, "conditional generator", conditional,
                EvaluationRow.Kind.GENERATOR, true));
        return rows;
    }

    /** The keys of {@link #NEEDS_TRAINING_CODE} that {@code rows} lack, sorted. */
    public static List<String> missing(List<EvaluationRow> rows) {
        Set<String> present = rows.stream().map(EvaluationRow::key).collect(Collectors.toSet());
        return NEEDS_TRAINING_CODE.keySet().stream().filter(k -> !present.contains(k)).sorted().toList();
    }
}
