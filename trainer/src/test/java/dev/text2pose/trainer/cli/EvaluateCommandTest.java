package dev.text2pose.trainer.cli;

import dev.text2pose.trainer.eval.EvalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesTheDefaultBundleWithTheRealEncoderAndPrintsTheTable() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 8, 3);
        StringWriter out = new StringWriter();
        int status = execute(out, "evaluate", "--keypoints", files.keypoints.toString(), "--captions",
                files.captions.toString(), "--output", dir.resolve("out").toString(), "--cache",
                dir.resolve("cache").toString(), "--seed", "5", "--draws", "2", "--retrieval-epochs", "1");
        assertEquals(0, status, out::toString);
        assertTrue(out.toString().contains("| conditional generator |"), out::toString);
        String report = Files.readString(dir.resolve("out/report.md"));
        assertTrue(report.contains("text2pose-trainer evaluate --keypoints " + files.keypoints), report);
        assertTrue(Files.isRegularFile(dir.resolve("out/metrics.json")));
        assertTrue(Files.isRegularFile(dir.resolve("out/interpolation-captions.png")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        String output = dir.resolve("out").toString();
        StringWriter out = new StringWriter();
        assertEquals(2, execute(out, "evaluate", "--output", output, "--split", "train"), "no such split");
        assertEquals(2, execute(out, "evaluate", "--output", output, "--draws", "0"));
        assertEquals(2, execute(out, "evaluate"), "--output is required");
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    private static int execute(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
