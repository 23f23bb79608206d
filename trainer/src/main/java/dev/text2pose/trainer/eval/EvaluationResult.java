package dev.text2pose.trainer.eval;

import dev.text2pose.model.BundleMetadata;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured and wrote, for the report writers and for tests.
 *
 * @param config             the run's config
 * @param data               what was evaluated
 * @param modelName          the bundle's file or resource
 * @param model              the bundle's metadata
 * @param retrievalModelFiles where the retrieval judges are cached, fold by fold
 * @param rows               every row's result, in table order
 * @param missingRows        keys of the rows this build could not make (see {@link EvaluationRows})
 * @param figures            caption of each figure to its file name inside the output folder, in report order
 * @param timings            wall seconds of each stage, in run order
 */
public record EvaluationResult(EvaluationConfig config, EvaluationData data, String modelName, BundleMetadata model,
                               List<Path> retrievalModelFiles, List<RowEvaluator.RowResult> rows,
                               List<String> missingRows, Map<String, String> figures, Map<String, Double> timings) {

    public EvaluationResult {
        retrievalModelFiles = List.copyOf(retrievalModelFiles);
        rows = List.copyOf(rows);
        missingRows = List.copyOf(missingRows);
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** The result of the row with {@code key}. */
    public RowEvaluator.RowResult row(String key) {
        return rows.stream().filter(r -> r.row().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + key));
    }

    /** The metrics table, as printed and as in the report. */
    public String table() {
        return MetricsTable.markdown(rows);
    }

    /** The headline numbers with their 95% bootstrap intervals, as printed and as in the report. */
    public String intervalTable() {
        return MetricsTable.intervals(rows);
    }

    /** The targets for the conditional generator, checked on this run's numbers. */
    public List<Targets.Target> targets() {
        return Targets.of(rows);
    }
}
