package dev.text2pose.serving.cli;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.ShippedBundle;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.model.BundleLocation;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Which model serves, where ONNX Runtime runs it and how many records one inference call takes. */
final class ModelOptions {

    /** What to do about a bundle that cannot be served. */
    static final String REMEDY = "Give --model a bundle exported by the trainer or the name of a shipped one ("
            + ShippedBundle.names() + "), or leave it out to serve the default.";

    private static final ServiceConfig DEFAULTS = ServiceConfig.defaults();

    @Option(names = "--model", paramLabel = "BUNDLE", defaultValue = "${env:TEXT2POSE_MODEL}",
            description = "A bundle shipped inside by name (paper, the default; flow), or a bundle file (.onnx), or a "
                    + "folder whose newest .onnx is served; files and folders are watched for new bundles, which are "
                    + "checked and hot-swapped. A folder named like a shipped bundle is ./NAME.")
    String model;

    @Option(names = "--provider", paramLabel = "AUTO|CUDA|CPU", defaultValue = "${env:TEXT2POSE_PROVIDER}",
            description = "ONNX Runtime execution provider: AUTO (CUDA when usable, else CPU), CUDA or CPU.")
    ExecutionProvider provider = DEFAULTS.provider();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:TEXT2POSE_THREADS}",
            description = "ONNX Runtime intra-op threads; 0 = one per core.")
    int threads = DEFAULTS.intraOpThreads();

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "${env:TEXT2POSE_MAX_BATCH}",
            description = "Most caption records served as one inference batch.")
    int maxBatch = DEFAULTS.maxBatchRecords();

    /**
     * Fails when {@code --provider CUDA} cannot work on this machine, or {@code --model} shows no bundle, or one that
     * does not load, so that a typo or a wrong file is reported before a broker starts. The bundle is opened once on
     * the CPU, which takes a fraction of a second.
     *
     * @throws CommandFailure naming the path
     * @throws dev.text2pose.model.BundleException when the file is not a text2pose bundle
     * @throws dev.text2pose.model.InferenceException when ONNX Runtime cannot open it
     */
    void check() {
        new OrtSessions(provider, threads).requireRequestedProvider();
        if (model == null || shipped().isPresent()) {
            return;
        }
        BundleLocation.Seen bundle = new BundleLocation(Path.of(model)).current().orElseThrow(() -> new CommandFailure(
                "no model bundle at " + model + " (neither a .onnx file nor a folder holding one)",
                REMEDY));
        ModelBundle.load(bundle.path(), OrtSessions.cpu()).close();
    }

    void applyTo(ServiceConfig.Builder config) {
        Optional<ShippedBundle> shipped = shipped();
        config.modelPath(shipped.isPresent() ? Optional.empty() : Optional.ofNullable(model).map(Path::of))
                .shippedModel(shipped.orElse(ShippedBundle.DEFAULT)).provider(provider).intraOpThreads(threads)
                .maxBatchRecords(maxBatch);
    }

    /** The shipped bundle {@code --model} names, if it names one rather than a path. */
    private Optional<ShippedBundle> shipped() {
        return Optional.ofNullable(model).flatMap(ShippedBundle::named);
    }
}
