package dev.text2pose.trainer.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.text2pose.model.BundleMetadata;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code metrics.json}: the run's inputs, every row's numbers ({@link RowJson}), the targets and the
 * timings, for tools and for comparing runs. Keys are snake_case; a metric with no meaning for a row is
 * {@code null}; distances are 64-frame pixels.
 */
public final class MetricsJson {

    private MetricsJson() {
    }

    /** Writes {@code result} to {@code file}. */
    public static void write(EvaluationResult result, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter()) {
            EvaluationConfig config = result.config();
            json.writeStartObject();
            json.writeStringField("command", config.command());
            json.writeNumberField("seed", config.seed());
            json.writeStringField("split", config.split().label());
            json.writeNumberField("draws", config.draws());
            writeData(json, result);
            writeModel(json, result.modelName(), result.model());
            writeRetrieval(json, result);
            json.writeArrayFieldStart("rows");
            for (RowEvaluator.RowResult row : result.rows()) {
                RowJson.write(json, row);
            }
            json.writeEndArray();
            writeTargets(json, result);
            json.writeObjectFieldStart("not_evaluated");
            for (String key : result.missingRows()) {
                json.writeStringField(key, EvaluationRows.NEEDS_TRAINING_CODE.get(key));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("figures");
            for (Map.Entry<String, String> figure : result.figures().entrySet()) {
                json.writeStringField(figure.getValue(), figure.getKey());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("timings_seconds");
            for (Map.Entry<String, Double> timing : result.timings().entrySet()) {
                json.writeNumberField(timing.getKey(), timing.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeRetrieval(JsonGenerator json, EvaluationResult result) throws IOException {
        json.writeObjectFieldStart("retrieval_model");
        json.writeStringField("settings", result.config().retrieval().toString());
        json.writeArrayFieldStart("cache_files");
        for (Path judgeFile : result.retrievalModelFiles()) {
            json.writeString(judgeFile.toString());
        }
        json.writeEndArray();
        json.writeNumberField("r_precision_pool", RPrecision.POOL_SIZE);
        json.writeNumberField("r_precision_repetitions", RPrecision.REPETITIONS);
        json.writeNumberField("bootstrap_resamples", result.config().resamples());
        json.writeEndObject();
    }

    private static void writeTargets(JsonGenerator json, EvaluationResult result) throws IOException {
        json.writeArrayFieldStart("targets");
        for (Targets.Target target : result.targets()) {
            json.writeStartObject();
            json.writeStringField("goal", target.goal());
            json.writeStringField("measured", target.measured());
            json.writeStringField("bar", target.bar());
            json.writeStringField("status", target.status().name().toLowerCase(Locale.ROOT));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeData(JsonGenerator json, EvaluationResult result) throws IOException {
        EvaluationData data = result.data();
        EvaluationDataLoader.DataFiles files = result.config().files();
        json.writeObjectFieldStart("data");
        json.writeStringField("keypoints", files.keypoints().toString());
        json.writeStringField("captions", files.captions().toString());
        json.writeStringField("train_keypoints", files.trainKeypoints().toString());
        json.writeStringField("train_captions", files.trainCaptions().toString());
        json.writeNumberField("limit_images", result.config().limitImages());
        json.writeNumberField("eval_images", data.evalImages().size());
        json.writeNumberField("eval_captions", data.queries().size());
        json.writeStringField("eval_hash", data.evalHash());
        json.writeNumberField("train_images", data.trainImages().size());
        json.writeNumberField("train_captions", data.trainCaptionPose().length);
        json.writeStringField("train_hash", data.trainHash());
        json.writeNumberField("dropped_train_images", data.droppedTrainImages());
        json.writeEndObject();
    }

    private static void writeModel(JsonGenerator json, String name, BundleMetadata model) throws IOException {
        json.writeObjectFieldStart("model");
        json.writeStringField("bundle", name);
        json.writeStringField("model_version", model.modelVersion());
        json.writeBooleanField("trained", model.trained());
        json.writeStringField("architecture", model.architecture());
        json.writeStringField("text_encoder", model.textEncoder());
        json.writeNumberField("presence_threshold", model.presenceThreshold());
        json.writeObjectFieldStart("provenance");
        for (Map.Entry<String, String> entry : new TreeMap<>(model.provenance()).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** A number, or null for none or NaN. */
    static void number(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null || value.isNaN()) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
