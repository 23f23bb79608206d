package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the service until the process is asked to stop (Ctrl-C or SIGTERM), then stops cleanly and exits 0. The
 * signals are handled here rather than by a shutdown hook, because the JVM exits a hooked SIGTERM with 143, which an
 * orchestrator reads as a failure.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Serve captions from Kafka. Without --bootstrap-servers it starts an embedded Kafka broker.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig config = options.toConfig();
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> stop.countDown());
        }
        Text2PoseService service = Text2PoseService.start(config);
        try {
            stop.await();
        } finally {
            service.close();
        }
        return 0;
    }
}
