package dev.text2pose.trainer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The code version recorded in a bundle's provenance and a checkpoint: {@code git describe --always --dirty} in the
 * working directory, the short hash of HEAD with {@code -dirty} appended when tracked files differ from it (a run of
 * uncommitted code would otherwise pass for the commit before), or {@value #UNKNOWN} when git or the repository is not
 * there (a packaged trainer run elsewhere).
 */
final class CodeVersion {

    static final String UNKNOWN = "unknown";

    private static final long TIMEOUT_SECONDS = 10;

    private CodeVersion() {
    }

    /** The short hash of HEAD, {@code -dirty} when tracked files differ, or {@value #UNKNOWN}; never throws. */
    static String current() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=7", "--exclude=*")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out;
            try (InputStream stdout = git.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroy();
                return UNKNOWN;
            }
            return git.exitValue() == 0 && !out.isEmpty() ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
