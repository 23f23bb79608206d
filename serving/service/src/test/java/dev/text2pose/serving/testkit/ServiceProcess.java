package dev.text2pose.serving.testkit;

import dev.text2pose.serving.http.HttpPaths;
import dev.text2pose.serving.kafka.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code text2pose} command in its own JVM, configured like a container (through environment variables), with
 * everything it prints captured to a file, so a test can read the service's real logs.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Long enough for an embedded broker's format and start on a loaded two-core machine (measured 70 s). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort = -1;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code text2pose run} with {@code args} on a free HTTP port, and waits until it is ready. */
    public static ServiceProcess run(Path log, List<String> args) throws InterruptedException {
        return run(log, List.of(), args);
    }

    /** As {@link #run(Path, List)}, with JVM options (e.g. a small heap) after the default {@code -Xmx1g}. */
    public static ServiceProcess run(Path log, List<String> jvmOptions, List<String> args)
            throws InterruptedException {
        int port = FreePorts.any();
        List<String> command = new ArrayList<>(List.of("run", "--http-port", Integer.toString(port)));
        command.addAll(args);
        try {
            ServiceProcess service = start(log, jvmOptions, Map.of(), command.toArray(String[]::new));
            service.httpPort = port;
            try {
                service.awaitReady(port, READY_TIMEOUT);
            } catch (RuntimeException | InterruptedException notReady) {
                service.kill(); // a test that fails here has no handle to stop it
                throw notReady;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the service", e);
        }
    }

    /**
     * @param jvmOptions e.g. a log configuration
     * @param env        the service's TEXT2POSE_* settings; the rest of the environment is inherited
     */
    public static ServiceProcess start(Path log, List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.text2pose.serving.cli.Text2PoseCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // Only the test's settings: none inherited from the shell that runs the build.
        builder.environment().keySet().removeIf(name -> name.startsWith("TEXT2POSE_"));
        builder.environment().putAll(env);
        return new ServiceProcess(builder.start(), log);
    }

    /** Waits until {@code /health/ready} answers 200 on {@code port}. */
    public void awaitReady(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + output());
            }
            if (get(port, HttpPaths.READY).map(HttpResponse::statusCode).orElse(-1) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready after " + timeout + ":\n" + output());
    }

    /** A GET on the service's HTTP port; empty while nothing listens there. */
    public Optional<HttpResponse<String>> get(int port, String path) throws InterruptedException {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException notListening) {
            return Optional.empty();
        }
    }

    /** The service's HTTP port; only for a service started with {@link #run}. */
    public int httpPort() {
        return httpPort;
    }

    /** The service's {@code /metrics} text; only for a service started with {@link #run}. */
    public String metrics() throws InterruptedException {
        return get(httpPort, HttpPaths.METRICS).orElseThrow(() -> new IllegalStateException("no HTTP answer"))
                .body();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; its exit status, or empty if it still runs after {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** The processes this one started (an embedded broker) and theirs. */
    public java.util.stream.Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group, as a crashed pod. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Stops the service as an orchestrator would (SIGTERM), waits for it, and returns its exit code. */
    public int stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(90));
        return process.exitValue();
    }

    /** Stops the service as an orchestrator would (SIGTERM), and waits for it. */
    @Override
    public void close() {
        stop();
    }
}
