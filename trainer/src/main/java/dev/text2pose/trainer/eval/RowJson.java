package dev.text2pose.trainer.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.eval.stats.Interval;

import java.io.IOException;
import java.util.Locale;

/**
 * One row of {@code metrics.json}: every point estimate under its own key (as before intervals existed, so older
 * readers keep working), the 95% intervals of the headline numbers under {@code intervals} (with how far the
 * resamples' median lay from the estimate, which the interval is corrected for), and each keypoint's presence.
 */
final class RowJson {

    private RowJson() {
    }

    static void write(JsonGenerator json, RowEvaluator.RowResult result) throws IOException {
        RowMetrics m = result.metrics();
        json.writeStartObject();
        json.writeStringField("key", result.row().key());
        json.writeStringField("label", result.row().label());
        json.writeStringField("kind", result.row().kind().name().toLowerCase(Locale.ROOT));
        MetricsJson.number(json, "ground_truth_distance", m.groundTruthDistance().estimate());
        MetricsJson.number(json, "nearest_eval_distance", m.nearestEvalDistance());
        MetricsJson.number(json, "nearest_train_distance", m.nearestTrainDistance().estimate());
        MetricsJson.number(json, "nearest_is_ground_truth", m.nearestIsGroundTruth());
        MetricsJson.number(json, "one_nn_accuracy", m.oneNnAccuracy().estimate());
        MetricsJson.number(json, "diversity", m.diversity());
        MetricsJson.number(json, "caption_sensitivity", m.captionSensitivity());
        MetricsJson.number(json, "caption_match", m.captionMatch().estimate());
        MetricsJson.number(json, "present_fraction", m.presentFraction().estimate());
        MetricsJson.number(json, "fid", m.fid() == null ? null : m.fid().estimate());
        json.writeObjectFieldStart("r_precision");
        MetricsJson.number(json, "top1", m.rPrecision().top1());
        MetricsJson.number(json, "top2", m.rPrecision().top2());
        MetricsJson.number(json, "top3", m.rPrecision().top3());
        json.writeNumberField("pool_size", m.rPrecision().poolSize());
        json.writeNumberField("repetitions", m.rPrecision().repetitions());
        json.writeEndObject();
        json.writeObjectFieldStart("intervals");
        interval(json, "ground_truth_distance", m.groundTruthDistance());
        interval(json, "nearest_train_distance", m.nearestTrainDistance());
        interval(json, "one_nn_accuracy", m.oneNnAccuracy());
        interval(json, "caption_match", m.captionMatch());
        interval(json, "present_fraction", m.presentFraction());
        interval(json, "r_precision_top3", m.top3());
        interval(json, "fid", m.fid());
        json.writeEndObject();
        json.writeObjectFieldStart("present_by_keypoint");
        for (int k = 0; k < CocoKeypoints.COUNT; k++) {
            json.writeNumberField(CocoKeypoints.NAMES.get(k), m.presentByKeypoint()[k]);
        }
        json.writeEndObject();
        MetricsJson.number(json, "seconds", m.seconds());
        json.writeEndObject();
    }

    /** {@code {low, high, resampling_shift}}, or null where the metric has no interval on this row. */
    private static void interval(JsonGenerator json, String field, Interval interval) throws IOException {
        if (interval == null || Double.isNaN(interval.low())) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeNumberField("low", interval.low());
        json.writeNumberField("high", interval.high());
        json.writeNumberField("resampling_shift", interval.shift());
        json.writeEndObject();
    }
}
