package dev.text2pose.serving.cli;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Which model serves, where ONNX Runtime runs it and how many records one inference call takes. */
final class ModelOptions {

    private static final ServiceConfig DEFAULTS = ServiceConfig.defaults();

    @Option(names = "--model", paramLabel = "BUNDLE", defaultValue = "${env:TEXT2POSE_MODEL}",
            description = "Model bundle (.onnx), or a folder whose newest .onnx is served; watched for new bundles, "
                    + "which are checked and hot-swapped. Absent: the bundle shipped inside.")
    Path model;

    @Option(names = "--provider", paramLabel = "AUTO|CUDA|CPU", defaultValue = "${env:TEXT2POSE_PROVIDER}",
            description = "ONNX Runtime execution provider: AUTO (CUDA when usable, else CPU), CUDA or CPU.")
    ExecutionProvider provider = DEFAULTS.provider();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:TEXT2POSE_THREADS}",
            description = "ONNX Runtime intra-op threads; 0 = one per core.")
    int threads = DEFAULTS.intraOpThreads();

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "${env:TEXT2POSE_MAX_BATCH}",
            description = "Most caption records served as one inference batch.")
    int maxBatch = DEFAULTS.maxBatchRecords();

    void applyTo(ServiceConfig.Builder config) {
        config.modelPath(Optional.ofNullable(model)).provider(provider).intraOpThreads(threads)
                .maxBatchRecords(maxBatch);
    }
}
