package dev.text2pose.trainer.train;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.baseline.MlpPoses;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.export.FlowNetworkExport;
import dev.text2pose.trainer.export.HeatmapGeneratorExport;
import dev.text2pose.trainer.flow.FlowPoses;
import dev.text2pose.trainer.flow.FlowSampler;
import dev.text2pose.trainer.export.MlpGeneratorExport;
import dev.text2pose.trainer.export.OnnxExportable;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.PaperSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A training checkpoint of any model kind, ready to be written as a bundle: the network
 * ({@link HeatmapGeneratorExport} for either stage of the paper's model, {@link MlpGeneratorExport} for the
 * regression baseline, {@link FlowNetworkExport} for the flow model with its sampler) and its {@link BundleDescription}, whose provenance the exporter side assembles from the
 * checkpoint alone, so every command that exports a run records the same thing: every {@link TrainConfig} key as
 * {@value #CONFIG_PREFIX}{@code <key>}, the seed, preset, stage, steps, the hash of the training data (and of the
 * stage-1 data a stage-2 run started from, when that checkpoint is still there), the code version that trained it,
 * the wall time, the weight file and the export time.
 *
 * <p>The text encoder comes from the checkpoint. A stage-1 run reads no text; its bundle takes MiniLM-wide vectors and
 * ignores them, so it names MiniLM without a fingerprint. A stage-2 checkpoint written before encoders were recorded
 * names MiniLM, the only encoder the trainer has used, without a fingerprint too (checked by id and dimension).
 *
 * @param network     what the graph computes
 * @param description what the bundle records beside it
 */
public record CheckpointExport(OnnxExportable network, BundleDescription description) {

    /** Prefix of the provenance keys that hold the training configuration. */
    public static final String CONFIG_PREFIX = "config.";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointExport.class);

    /**
     * The export of checkpoint {@code checkpoint} (a checkpoint folder or a run folder holding one).
     *
     * @param preferEma the EMA generator when the run kept one, else the raw one
     */
    public static CheckpointExport of(Path checkpoint, boolean preferEma) {
        return of(checkpoint, preferEma, FlowSampler.SHIPPED);
    }

    /**
     * The export of checkpoint {@code checkpoint}; a flow checkpoint's graph unrolls {@code sampler}, which the
     * provenance then records. Other model kinds ignore it.
     */
    public static CheckpointExport of(Path checkpoint, boolean preferEma, FlowSampler sampler) {
        Path folder = Checkpoint.resolve(checkpoint);
        Checkpoint saved = Checkpoint.read(folder);
        TrainConfig config = saved.config();
        Path weights = TrainedGenerators.weights(folder, preferEma);
        OnnxExportable network;
        float presenceThreshold = PaperSpec.PRESENCE_THRESHOLD;
        Map<String, String> extra = new LinkedHashMap<>();
        if (config.model() == ModelKind.FLOW) {
            network = new FlowNetworkExport(TrainedGenerators.flow(folder, preferEma), sampler);
            presenceThreshold = FlowPoses.PRESENCE_THRESHOLD;
            extra.put("sampler", sampler.bounded() ? "euler, bounded" : "euler");
            extra.put("sampler_steps", Integer.toString(sampler.steps()));
            extra.put("guidance", Float.toString(sampler.guidance()));
            extra.put("temperature", Float.toString(sampler.temperature()));
        } else if (config.model() == ModelKind.MLP) {
            network = new MlpGeneratorExport(TrainedGenerators.mlp(folder, preferEma));
            presenceThreshold = MlpPoses.VISIBILITY_THRESHOLD;
        } else if (config.conditional()) {
            network = new HeatmapGeneratorExport(TrainedGenerators.heatmap(folder, preferEma), config.heatmapRange());
        } else {
            network = HeatmapGeneratorExport.unconditional(TrainedGenerators.heatmap(folder, preferEma),
                    config.heatmapRange(), MiniLmEncoder.DIMENSION);
        }
        EncoderFingerprint encoder = saved.encoder();
        if (encoder == null && config.conditional()) {
            LOG.warn("{} records no text encoder (written before encoders were recorded); the bundle names {} without "
                    + "a fingerprint and is checked by id and dimension only", folder, MiniLmEncoder.ID);
        }
        BundleDescription description = new BundleDescription(true, encoder == null ? MiniLmEncoder.ID : encoder.id(),
                encoder, config.embeddingScale(), presenceThreshold, provenance(saved, weights), null).withProvenance(extra);
        return new CheckpointExport(network, description);
    }

    /** Writes the bundle to {@code output}; see {@link OnnxExporter#export}. */
    public BundleMetadata write(Path output) throws IOException {
        return new OnnxExporter().export(network, description, output);
    }

    private static Map<String, String> provenance(Checkpoint saved, Path weights) {
        TrainConfig config = saved.config();
        Map<String, String> provenance = new LinkedHashMap<>();
        ConfigCodec.toMap(config).forEach((key, value) -> provenance.put(CONFIG_PREFIX + key, value));
        provenance.put("seed", Long.toString(config.seed()));
        provenance.put("preset", config.preset());
        provenance.put("stage", config.stage().label());
        provenance.put("model", config.model().label());
        provenance.put("steps", Long.toString(saved.step()));
        provenance.put("data_hash", saved.dataHash());
        initDataHash(config).ifPresent(hash -> provenance.put("init_data_hash", hash));
        provenance.put("code_version", saved.codeVersion());
        provenance.put("wall_time_s", Long.toString(Math.round(saved.wallSeconds())));
        provenance.put("generator", weights.getFileName().toString());
        provenance.put("init_from", config.initFrom().isEmpty() ? "paper init" : config.initFrom());
        provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return provenance;
    }

    /** The data hash of the checkpoint a run started from, when it is still readable. */
    private static Optional<String> initDataHash(TrainConfig config) {
        if (config.initFrom().isEmpty() || !Files.isDirectory(Path.of(config.initFrom()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoint.read(Checkpoint.resolve(Path.of(config.initFrom()))).dataHash());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
