package dev.text2pose.trainer.cli;

import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.CocoFiles;
import dev.text2pose.trainer.data.DataSplit;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.eval.ValidationPresence;
import dev.text2pose.trainer.export.BundleDescription;
import dev.text2pose.trainer.export.OnnxExportable;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.export.PresenceCalibration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code export --calibrate-presence}: writes the bundle once uncalibrated, runs that very graph on the validation
 * captions through ONNX Runtime, fits a {@link PresenceCalibration} to the validation split's real presence rates
 * and writes the bundle again with the calibration in its graph and its thresholds and fit in its provenance.
 * Measuring the exported graph rather than the libtorch network means the thresholds fit exactly what is served.
 */
final class CalibratedExport {

    private static final Logger LOG = LoggerFactory.getLogger(CalibratedExport.class);

    /** Provenance key that says how the calibration was fitted. */
    static final String FIT_KEY = "presence_calibration";

    private CalibratedExport() {
    }

    /**
     * @param data  the COCO folder whose val2017 files hold the validation split
     * @param cache the caption-embedding cache folder
     * @param seed  seed of the noise draws, as the evaluation's
     */
    static BundleMetadata write(OnnxExportable generator, BundleDescription description, Path output, Path data,
                                Path cache, long seed) throws IOException {
        OnnxExporter exporter = new OnnxExporter();
        exporter.export(generator, description.withPresence(null), output);
        CocoFiles files = CocoFiles.in(data);
        OrtSessions sessions = OrtSessions.cpu();
        ValidationPresence measured;
        try (ModelBundle bundle = ModelBundle.load(output, sessions);
             MiniLmEncoder encoder = MiniLmEncoder.load(sessions)) {
            bundle.metadata().requireEncoder(bundle.name(), encoder.fingerprint());
            measured = ValidationPresence.measure(bundle, files.valKeypoints(), files.valCaptions(),
                    CaptionEmbedder.of(encoder.fingerprint(), encoder::encode), new EmbeddingCache(cache), seed);
        }
        PresenceCalibration calibration = PresenceCalibration.fit(measured.confidences(), measured.realRates(),
                description.presenceThreshold());
        LOG.info("presence calibration on {} validation images, {} captions: {}", measured.images(),
                measured.confidences().length, calibration.describe());
        String fit = String.format(Locale.ROOT, "per-keypoint thresholds matching the real presence rates of the %s "
                        + "split (%s) of %s: %d images, %d captions, one draw each, noise seed %d",
                DataSplit.VALIDATION.name().toLowerCase(Locale.ROOT), DataSplit.SALT,
                files.valKeypoints().getFileName(), measured.images(), measured.confidences().length, seed);
        return exporter.export(generator, description.withProvenance(Map.of(FIT_KEY, fit)).withPresence(calibration),
                output);
    }
}
