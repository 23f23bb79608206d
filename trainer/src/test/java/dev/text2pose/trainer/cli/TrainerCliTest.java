package dev.text2pose.trainer.cli;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.BundleMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
    void usageErrorsExitWithTwo() {
        String output = dir.resolve("x.onnx").toString();
        assertEquals(2, execute("export", "--output", output), "trained export does not exist yet");
        assertEquals(2, execute("export", "--untrained", "--heatmap-range", "[0,2]", "--output", output));
        assertEquals(2, execute("export", "--untrained"), "--output is required");
        assertEquals(2, execute(), "a subcommand is required");
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    private static int execute(String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
