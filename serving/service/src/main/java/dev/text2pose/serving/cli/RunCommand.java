package dev.text2pose.serving.cli;

import dev.text2pose.serving.Text2PoseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * Runs the service until the process is asked to stop (Ctrl-C or SIGTERM), then stops cleanly; exits non-zero when
 * the pipeline dies, so that an orchestrator restarts the instance.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve captions from Kafka. Without --bootstrap-servers it starts an embedded Kafka broker.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Override
    public Integer call() {
        return Text2PoseService.start(options.toConfig()).serveUntilStopped();
    }
}
