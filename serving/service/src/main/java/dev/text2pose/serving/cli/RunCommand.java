package dev.text2pose.serving.cli;

import dev.text2pose.serving.Text2PoseService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** Runs the service until the process is asked to stop (Ctrl-C or SIGTERM), then stops cleanly. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Serve captions from Kafka. Without --bootstrap-servers it starts an embedded Kafka broker.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Override
    public Integer call() throws InterruptedException {
        Text2PoseService service = Text2PoseService.start(options.toConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "text2pose-shutdown"));
        stopped.await();
        return 0;
    }
}
