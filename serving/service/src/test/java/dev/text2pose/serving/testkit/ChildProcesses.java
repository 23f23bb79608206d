package dev.text2pose.serving.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a process a test started, the way an orchestrator does: SIGTERM, a grace period, then SIGKILL. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
