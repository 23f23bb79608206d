package dev.text2pose.serving.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main command: an embedded broker of its own, one caption through Kafka, JSON and a PNG out. */
class DemoCommandIT {

    @Test
    void demoPrintsThePoseAndDrawsIt(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("demo.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Text2PoseCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("demo", "a man swinging a tennis racket", "--samples", "2", "--seed", "5",
                "--provider", "CPU", "--png", png.toString());

        assertEquals(0, exit, "demo failed; its error output:\n" + err);
        JsonNode pose = new ObjectMapper().readTree(out.toString().strip());
        assertEquals(5, pose.get("seed").asLong());
        assertEquals(2, pose.get("poses").size());
        JsonNode nose = pose.get("poses").get(0).get("keypoints").get("nose");
        assertNotNull(nose, "keypoints are named");
        assertTrue(nose.get("x").asDouble() >= 0 && nose.get("x").asDouble() <= 1);
        assertTrue(err.toString().contains("pose received"), err.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG was written");
        assertTrue(image.getWidth() >= 256 && image.getHeight() >= 2 * 256, "one row per sample");
    }
}
