package dev.text2pose.serving.http.viewer;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.pose.SkeletonRenderer;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.Text2PoseService;
import dev.text2pose.serving.testkit.HeadlessChromium;
import dev.text2pose.serving.testkit.KafkaCluster;
import dev.text2pose.serving.testkit.KafkaClusterExtension;
import dev.text2pose.serving.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The viewer in a real browser against a real broker: a person types a caption and a target, the skeleton is drawn
 * and animates, the request id the page shows is a pose event on the topic, and caption text never becomes markup.
 * Skipped, with the reason, where Debian's Chromium is not installed.
 */
@EnabledIf(value = "dev.text2pose.serving.testkit.HeadlessChromium#installed",
        disabledReason = HeadlessChromium.MISSING)
@ExtendWith(KafkaClusterExtension.class)
class ViewerBrowserIT {

    /** The screenshot the test leaves behind, relative to the module. */
    static final Path SCREENSHOT = Path.of("target", "viewer-e2e.png");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static KafkaCluster kafka;
    private static String poseTopic;
    private static Text2PoseService service;
    private static ChromeDriver browser;

    /** The browser's profile; JUnit deletes it after {@link #stop()} has quit the browser. */
    @TempDir
    static Path profile;

    @BeforeAll
    static void start(KafkaCluster cluster) {
        kafka = cluster;
        List<String> topics = cluster.createTopics("viewer", 2, "captions", "poses", "dlq");
        poseTopic = topics.get(1);
        service = Text2PoseService.start(ServiceConfig.builder().bootstrapServers(Optional.of(cluster.bootstrapServers()))
                .captionTopic(topics.get(0)).poseTopic(poseTopic).deadLetterTopic(topics.get(2))
                .groupId("viewer-" + topics.get(0)).topicPartitions(2).provider(ExecutionProvider.CPU).intraOpThreads(1)
                .httpPort(0).viewer(true).build());
        browser = HeadlessChromium.start(Path.of("target", "chromium"), profile);
        browser.get("http://127.0.0.1:" + service.httpPort() + "/");
        waitUntil("the viewer reads the pose topic", () -> browser.findElement(By.id("send")).isEnabled());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aTypedCaptionIsDrawnLiveAndAnimatesAndItsRequestIdIsOnThePoseTopic() throws Exception {
        type("caption", "a man swinging a tennis racket");
        type("target", "a man raising both arms");
        type("frames", "6");
        String requestId = sendAndAwaitAnswer();
        Map<String, Long> pixels = skeletonPixels();
        assertTrue(pixels.get("left") > 100 && pixels.get("right") > 100, "both sides drawn: " + pixels);
        String frame = text("shown-frame");
        waitUntil("the interpolation animates", () -> !text("shown-frame").equals(frame));

        PoseEvent event = poseOnTopic(requestId);
        assertEquals(6, event.getFrames());
        assertEquals(event.getModelVersion(), text("shown-model"));
        assertEquals(service.modelVersion(), text("model-version"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-request-id='" + requestId + "']"));
        assertTrue(row.findElement(By.className("latency")).getText().endsWith(" ms"), row.getText());

        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("Viewer screenshot: " + SCREENSHOT.toAbsolutePath() + " (request " + requestId + ")");
    }

    @Test
    void captionTextIsShownAsTextNeverAsMarkup() {
        String caption = "<img src=x id=injected> a <b>bold</b> & \"quoted\" man";
        type("target", "");
        type("caption", caption);
        String requestId = sendAndAwaitAnswer();

        assertEquals(caption, text("shown-caption"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-request-id='" + requestId + "']"));
        assertEquals(caption, row.findElement(By.className("caption")).getText());
        assertEquals(0L, browser.executeScript(
                "return document.querySelectorAll('#injected, #recent b, #shown-caption b').length;"));
        assertNotEquals(null, poseOnTopic(requestId));
    }

    /** Clicks Generate and waits until the page shows the answer to this new request; returns its id. */
    private static String sendAndAwaitAnswer() {
        String before = text("shown-request");
        browser.findElement(By.id("send")).click();
        waitUntil("the answer is drawn", () -> !text("shown-request").isEmpty()
                && !text("shown-request").equals(before)
                && "drawn".equals(browser.findElement(By.id("pose")).getDomAttribute("data-state")));
        return text("shown-request");
    }

    /** Pixels of the canvas in the renderer's left and right colours. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> skeletonPixels() {
        return (Map<String, Long>) browser.executeScript("""
                const [left, right] = [arguments[0], arguments[1]];
                const canvas = document.getElementById('pose');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                const near = (i, c) =>
                    Math.abs(data[i] - c[0]) + Math.abs(data[i + 1] - c[1]) + Math.abs(data[i + 2] - c[2]) < 12;
                let counts = {left: 0, right: 0};
                for (let i = 0; i < data.length; i += 4) {
                  if (near(i, left)) counts.left++;
                  if (near(i, right)) counts.right++;
                }
                return counts;""", rgb(SkeletonRenderer.LEFT), rgb(SkeletonRenderer.RIGHT));
    }

    private static PoseEvent poseOnTopic(String requestId) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(kafka.bootstrapServers(), poseTopic,
                read -> read.stream().anyMatch(r -> requestId.equals(r.key())), TIMEOUT);
        return records.stream().filter(r -> requestId.equals(r.key())).findFirst()
                .map(r -> EventCodec.poses().decode(r.value()))
                .orElseThrow(() -> new AssertionError("no pose event keyed " + requestId + " on " + poseTopic));
    }

    private static List<Integer> rgb(Color colour) {
        return List.of(colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, TIMEOUT).withMessage(what).until(driver -> condition.getAsBoolean());
    }
}
