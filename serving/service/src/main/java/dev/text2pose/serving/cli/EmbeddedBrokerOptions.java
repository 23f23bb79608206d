package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the broker that {@code run} starts without a cluster address keeps its data and listens. */
final class EmbeddedBrokerOptions {

    private static final ServiceConfig.EmbeddedBrokerConfig DEFAULTS = ServiceConfig.defaults().embeddedBroker();

    @Option(names = "--data-dir", paramLabel = "FOLDER", defaultValue = "${env:TEXT2POSE_DATA_DIR}",
            description = "Embedded broker's data folder, kept across runs.")
    Path dataDir = DEFAULTS.dataDir();

    @Option(names = "--embedded-port", paramLabel = "PORT", defaultValue = "${env:TEXT2POSE_EMBEDDED_PORT}",
            description = "Embedded broker's client port on 127.0.0.1; the controller uses the next one.")
    int port = DEFAULTS.port();

    void applyTo(ServiceConfig.Builder config) {
        config.embeddedBroker(new ServiceConfig.EmbeddedBrokerConfig(dataDir, port));
    }
}
