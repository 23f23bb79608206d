package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Where the service answers health checks and metrics, and whether it serves the web viewer there. */
final class HttpOptions {

    private static final ServiceConfig DEFAULTS = ServiceConfig.defaults();

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:TEXT2POSE_HTTP_HOST}",
            description = "Address of the health endpoints, metrics and the viewer.")
    String host = DEFAULTS.httpHost();

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:TEXT2POSE_HTTP_PORT}",
            description = "Port of the health endpoints; 0 = any free port.")
    int port = DEFAULTS.httpPort();

    @Option(names = "--viewer", negatable = true, defaultValue = "${env:TEXT2POSE_VIEWER}", fallbackValue = "true",
            showDefaultValue = Visibility.ALWAYS,
            description = "Serve the web viewer at http://HOST:PORT/. Turn it off where others can reach the HTTP "
                    + "port: it produces captions with the service's Kafka credentials.")
    boolean viewer = DEFAULTS.viewer();

    void applyTo(ServiceConfig.Builder config) {
        config.httpHost(host).httpPort(port).viewer(viewer);
    }
}
