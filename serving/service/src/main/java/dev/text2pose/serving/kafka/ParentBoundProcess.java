package dev.text2pose.serving.kafka;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of a child JVM that must not outlive its parent: it runs another main class (the Kafka broker) and
 * exits when its standard input reaches end of file. The parent keeps the write end of that pipe open and never
 * writes to it; the kernel closes it when the parent dies, whatever the signal (SIGKILL included), so an orphaned
 * broker can no longer hold the data folder and the port.
 *
 * <p>Usage: {@code java -cp CP dev.text2pose.serving.kafka.ParentBoundProcess MAIN_CLASS ARGS...}.
 */
public final class ParentBoundProcess {

    /** How long the child's own shutdown (Kafka's controlled shutdown) may take before the JVM is halted. */
    private static final long SHUTDOWN_GRACE_SECONDS = 30;

    private ParentBoundProcess() {
    }

    /** Watches standard input, then runs {@code args[0]}'s main with the remaining arguments. */
    public static void main(String[] args) throws ReflectiveOperationException {
        Thread watcher = new Thread(ParentBoundProcess::exitAtEndOfInput, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            Class.forName(args[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(args[0] + " failed", e.getCause());
        }
    }

    private static void exitAtEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // the parent writes nothing; anything read is ignored
            }
        } catch (IOException closed) {
            // a broken pipe means the same as end of input: the parent is gone
        }
        System.err.println("text2pose: the parent process is gone; stopping");
        Thread halt = new Thread(ParentBoundProcess::haltAfterGrace, "parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    /** Runs during the shutdown hooks: a hook that hangs must not keep the orphan alive. */
    private static void haltAfterGrace() {
        try {
            TimeUnit.SECONDS.sleep(SHUTDOWN_GRACE_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
