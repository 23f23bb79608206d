package dev.text2pose.trainer.cli;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.trainer.eval.retrieval.RetrievalSettings;
import dev.text2pose.trainer.train.LossCurves;
import dev.text2pose.trainer.train.StepLosses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerCliTest {

    @TempDir
    Path dir;

    @Test
    void exportUntrainedWritesABundleWithProvenance() throws OrtException {
        Path output = dir.resolve("models/default.onnx");
        int status = execute("export", "--untrained", "--seed", "0", "--output", output.toString());
        assertEquals(0, status);
        assertTrue(Files.isRegularFile(output));
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(output.toString())) {
            BundleMetadata metadata = BundleMetadata.fromProperties(session.getMetadata().getCustomMetadata());
            assertFalse(metadata.trained());
            assertEquals(dev.text2pose.text.MiniLmEncoder.ID, metadata.textEncoder());
            assertEquals("0", metadata.provenance().get("seed"));
            assertEquals("untrained", metadata.provenance().get("preset"));
            assertEquals("0", metadata.provenance().get("steps"));
            assertEquals("none", metadata.provenance().get("data_hash"));
            assertFalse(metadata.provenance().get("code_version").isBlank());
            assertDoesNotThrow(() -> Instant.parse(metadata.provenance().get("created")));
        }
    }

    @Test
    void anUntrainedBundleDecodesHeatmapsInTheShippedBundlesRange() throws OrtException {
        Path output = dir.resolve("untrained.onnx");
        assertEquals(0, execute("export", "--untrained", "--output", output.toString()));
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(output.toString());
             ModelBundle shipped = ModelBundle.loadDefault(OrtSessions.cpu())) {
            BundleMetadata metadata = BundleMetadata.fromProperties(session.getMetadata().getCustomMetadata());
            assertEquals(shipped.metadata().heatmaps(), metadata.heatmaps());
        }
    }

    @Test
    void versionNamesTheProjectVersionAndTheCommit() {
        StringWriter out = new StringWriter();
        assertEquals(0, execute(out, new StringWriter(), "--version"));
        assertTrue(out.toString().strip().matches("text2pose-trainer \\d+\\.\\d+\\.\\d+\\S* \\(code ([0-9a-f]+|unknown)\\)"),
                out::toString);
    }

    @Test
    void helpShowsDefaultsAsValues() {
        StringWriter evaluate = new StringWriter();
        assertEquals(0, execute(evaluate, new StringWriter(), "evaluate", "--help"));
        assertTrue(evaluate.toString().contains("(default " + RetrievalSettings.defaults().epochs() + ")"),
                evaluate::toString);
        assertFalse(evaluate.toString().contains("RetrievalSettings"), evaluate::toString);
        StringWriter export = new StringWriter();
        assertEquals(0, execute(export, new StringWriter(), "export", "--help"));
        assertTrue(export.toString().contains("(default [0,1], as"), export::toString);
    }

    /**
     * picocli wraps help at 80 columns where {@link java.text.BreakIterator} allows, which includes after a dot or a
     * hyphen inside a path ({@code ~/.} then {@code cache/text2pose}); a default that is cut cannot be copied.
     */
    @Test
    void helpKeepsEveryDefaultValueOnOneLine() {
        CommandLine cli = new CommandLine(new TrainerCli());
        for (CommandLine command : cli.getSubcommands().values()) {
            String help = command.getUsageMessage();
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                for (String word : defaultWords(String.join(" ", option.description()))) {
                    assertTrue(help.contains(word), command.getCommandName() + " " + option.longestName() + ": '"
                            + word + "' is cut in\n" + help);
                }
            }
        }
    }

    @Test
    void aCheckpointsExportRefusesTheOptionsItWouldIgnore() {
        String output = dir.resolve("x.onnx").toString();
        for (String[] option : List.of(new String[] {"--heatmap-range", "[0,1]"}, new String[] {"--seed", "3"},
                new String[] {"--embedding-scale", "2"})) {
            StringWriter err = new StringWriter();
            assertEquals(2, execute(err, "export", "--checkpoint", dir.toString(), option[0], option[1], "--output",
                    output));
            assertTrue(err.toString().contains(option[0] + " applies to --untrained only"), err::toString);
        }
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        String output = dir.resolve("x.onnx").toString();
        assertEquals(2, execute("export", "--output", output), "trained export does not exist yet");
        assertEquals(2, execute("export", "--untrained", "--heatmap-range", "[0,2]", "--output", output));
        assertEquals(2, execute("export", "--untrained"), "--output is required");
        assertEquals(2, execute(), "a subcommand is required");
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    @Test
    void curvesDrawsALossesFileAndRefusesOneThatIsNot() throws IOException {
        Path csv = dir.resolve("run/losses.csv");
        Files.createDirectories(csv.getParent());
        Files.write(csv, List.of(StepLosses.CSV_HEADER, new StepLosses(1, -1, 1, 0, 0.1, 1.2, 0.5, 0, 2, 1).csv(),
                new StepLosses(2, -2, 2, 0, 0.2, 1.1, 0.4, 0, 2, 1).csv()));
        Path png = dir.resolve("card/losses.png");
        assertEquals(0, execute("curves", "--input", csv.toString(), "--output", png.toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LossCurves.WIDTH, image.getWidth());
        assertEquals(LossCurves.HEIGHT, image.getHeight());

        String unwritten = dir.resolve("x.png").toString();
        StringWriter err = new StringWriter();
        assertEquals(2, execute(err, "curves", "--input", dir.resolve("none.csv").toString(), "--output", unwritten));
        assertTrue(err.toString().contains("none.csv does not exist"), err::toString);
        Path garbled = dir.resolve("garbled.csv");
        Files.writeString(garbled, StepLosses.CSV_HEADER + "\n1,2,3\n");
        err = new StringWriter();
        assertEquals(2, execute(err, "curves", "--input", garbled.toString(), "--output", unwritten));
        assertTrue(err.toString().contains(garbled + " line 2"), err::toString);
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    /** The words after "(default" in a description, as shown, that contain a character the wrapping may cut at. */
    private static List<String> defaultWords(String description) {
        int at = description.indexOf("(default");
        if (at < 0) {
            return List.of();
        }
        String shown = description.substring(at + "(default".length()).replace("%n", " ");
        return Arrays.stream(shown.split("\\s+")).map(word -> word.replaceAll("[).,;]+$", ""))
                .filter(word -> word.matches(".*[./-].*")).toList();
    }

    private static int execute(String... args) {
        return execute(new StringWriter(), args);
    }

    private static int execute(StringWriter err, String... args) {
        return execute(new StringWriter(), err, args);
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
