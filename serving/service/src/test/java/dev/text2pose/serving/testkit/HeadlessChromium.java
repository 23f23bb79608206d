package dev.text2pose.serving.testkit;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to Selenium explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. Install them with
 * {@code deploy/scripts/install-browser.sh}; override the paths with {@code -Dtext2pose.chromium=...} and
 * {@code -Dtext2pose.chromedriver=...}.
 */
public final class HeadlessChromium {

    private static final Path BROWSER = Path.of(System.getProperty("text2pose.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("text2pose.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** Why a browser test is skipped where the browser is missing. */
    public static final String MISSING = "Debian's Chromium or chromedriver is not installed (/usr/bin/chromium, "
            + "/usr/bin/chromedriver): install them with deploy/scripts/install-browser.sh";

    /** Whether both executables are there; a test class's {@code @EnabledIf} condition. */
    public static boolean installed() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!installed) {
            System.err.println("Skipping the browser test: " + MISSING + " (looked for " + BROWSER + " and "
                    + DRIVER + ")");
        }
        return installed;
    }

    /**
     * Starts a fresh browser with an empty profile and the flags this sandbox needs: no sandbox (we run as root), no
     * GPU, and none of Chromium's background connections, which a closed network refuses.
     *
     * @param logDir  where chromedriver writes its log
     * @param profile an empty folder for the browser's profile, which the caller deletes after {@code quit()}
     *                (a JUnit {@code @TempDir}): Chromium writes some megabytes there
     */
    public static ChromeDriver start(Path logDir, Path profile) {
        try {
            Files.createDirectories(logDir);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(logDir.resolve("chromedriver.log").toFile())
                    .build();
            ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile()).addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1200,1250", "--user-data-dir=" + profile);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the chromedriver log folder " + logDir, e);
        }
    }
}
