package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the service until the process is asked to stop (Ctrl-C or SIGTERM), then stops cleanly and exits 0; exits
 * non-zero when the pipeline dies, so that an orchestrator restarts the instance. The signals are handled here rather
 * than by a shutdown hook, because the JVM exits a hooked SIGTERM with 143, which an orchestrator reads as a failure.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Serve captions from Kafka. Without --bootstrap-servers it starts an embedded Kafka broker.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Override
    public Integer call() {
        ServiceConfig config = options.toConfig();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> stop.complete(null));
        }
        return Text2PoseService.start(config).serveUntil(stop);
    }
}
