package dev.text2pose.trainer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The code version recorded in a bundle's provenance: {@code git rev-parse --short HEAD} in the working directory,
 * or {@value #UNKNOWN} when git or the repository is not there (a packaged trainer run elsewhere).
 */
final class CodeVersion {

    static final String UNKNOWN = "unknown";

    private static final long TIMEOUT_SECONDS = 10;

    private CodeVersion() {
    }

    /** The short commit hash of HEAD, or {@value #UNKNOWN}; never throws. */
    static String current() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
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
