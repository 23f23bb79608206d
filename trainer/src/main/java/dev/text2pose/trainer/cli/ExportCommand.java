package dev.text2pose.trainer.cli;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.HeatmapRange;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.text2pose.text.MiniLmEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code export}: writes a conditional generator as an ONNX model bundle.
 *
 * <p>For now only {@code --untrained} exists: a generator initialised the paper's way from {@code --seed}, which is
 * how the service gets a default bundle before any training. The service's default bundle is made with
 * {@code export --untrained --seed 0 --output serving/inference/src/main/resources/models/default.onnx}. Exporting
 * trained weights arrives with the training code, as another source of the generator in this command.
 */
@Command(name = "export", description = "Writes a conditional generator as an ONNX model bundle.")
final class ExportCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--untrained", description = "Export a randomly initialised generator (no training).")
    private boolean untrained;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weight initialisation (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--output", required = true, description = "Path of the .onnx file to write.")
    private Path output;

    @Option(names = "--embedding-scale", defaultValue = "" + TextScaling.DEFAULT_EMBEDDING_SCALE,
            description = "Factor applied to the raw text embedding inside the graph (default ${DEFAULT-VALUE}).")
    private float embeddingScale;

    @Option(names = "--heatmap-range", defaultValue = "[-1,1]",
            description = "Range of the generator's heatmaps, [-1,1] or [0,1] (default ${DEFAULT-VALUE}).")
    private String heatmapRange;

    @Option(names = "--text-encoder", defaultValue = MiniLmEncoder.ID,
            description = "Id of the sentence encoder the bundle takes (default ${DEFAULT-VALUE}).")
    private String textEncoder;

    @Override
    public Integer call() throws Exception {
        if (!untrained) {
            throw new ParameterException(spec.commandLine(),
                    "only --untrained exports exist until the train command lands; pass --untrained");
        }
        HeatmapRange range = parseRange();
        BundleDescription description = new BundleDescription(false, textEncoder, embeddingScale, range,
                PaperSpec.PRESENCE_THRESHOLD, provenance());
        LOG.info("export: untrained, seed {}, embedding scale {}, heatmap range {}, text encoder {}, output {}",
                seed, embeddingScale, range.label(), textEncoder, output);
        HeatmapGenerator generator = HeatmapGenerator.conditional(seed);
        generator.eval();
        BundleMetadata metadata = new OnnxExporter().export(generator, description, output);
        LOG.info("wrote {} ({} bytes), model version {}", output, Files.size(output), metadata.modelVersion());
        return 0;
    }

    private HeatmapRange parseRange() {
        try {
            return HeatmapRange.fromLabel(heatmapRange);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Map<String, String> provenance() {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", Long.toString(seed));
        provenance.put("preset", "untrained");
        provenance.put("steps", "0");
        provenance.put("data_hash", "none");
        provenance.put("code_version", CodeVersion.current());
        provenance.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return provenance;
    }
}
