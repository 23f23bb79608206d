package dev.text2pose.trainer.cli;

import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.eval.EvalFixture;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.SmokeCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesTheDefaultBundleWithTheRealEncoderAndPrintsTheTable() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 8, 3);
        StringWriter out = new StringWriter();
        int status = execute(out, "evaluate", "--keypoints", files.keypoints.toString(), "--captions",
                files.captions.toString(), "--train-keypoints", files.trainKeypoints.toString(), "--train-captions",
                files.trainCaptions.toString(), "--output", dir.resolve("out").toString(), "--cache",
                dir.resolve("cache").toString(), "--seed", "5", "--draws", "2", "--retrieval-epochs", "1",
                "--resamples", "50");
        assertEquals(0, status, out::toString);
        assertTrue(out.toString().contains("| conditional generator |"), out::toString);
        assertTrue(out.toString().contains("| target (conditional generator) |"), "the targets are printed too");
        String report = Files.readString(dir.resolve("out/report.md"));
        assertTrue(report.contains("text2pose-trainer evaluate --keypoints " + files.keypoints), report);
        assertTrue(Files.isRegularFile(dir.resolve("out/metrics.json")));
        assertTrue(Files.isRegularFile(dir.resolve("out/interpolation-captions.png")));
    }

    @Test
    void addsTheCheckpointRowsBesideAnotherBundle() throws IOException {
        EvalFixture files = EvalFixture.write(dir, 8, 3);
        // Random vectors claimed as MiniLM's: evaluate checks every bundle against the encoder it runs.
        Path mlp = SmokeCheckpoints.mlp(dir.resolve("mlp"), PaperSpec.TEXT_DIM, MiniLmEncoder.classpathFingerprint());
        Path stage1 = SmokeCheckpoints.unconditional(dir.resolve("stage1"), Map.of());
        Path bundle = dir.resolve("other.onnx");
        StringWriter out = new StringWriter();
        assertEquals(0, execute(out, "export", "--untrained", "--seed", "3", "--output", bundle.toString()));
        String[] common = {"evaluate", "--keypoints", files.keypoints.toString(), "--captions",
                files.captions.toString(), "--train-keypoints", files.trainKeypoints.toString(), "--train-captions",
                files.trainCaptions.toString(), "--model", bundle.toString(), "--cache", dir.resolve("cache").toString(),
                "--draws", "2", "--retrieval-epochs", "1", "--resamples", "50", "--output"};
        // The run folder for one, the checkpoint folder inside it for the other: both are accepted.
        int status = execute(out, concat(common, dir.resolve("out").toString(), "--regression", mlp.toString(),
                "--unconditional", Checkpoint.in(stage1).toString(), "--row", "untrained-copy=" + bundle));
        assertEquals(0, status, out::toString);
        assertTrue(out.toString().contains("| regression baseline |")
                && out.toString().contains("| unconditional generator |")
                && out.toString().contains("| untrained-copy |"), out::toString);
        String json = Files.readString(dir.resolve("out/metrics.json"));
        assertTrue(json.contains("\"bundle\" : \"" + bundle + "\""), json);
        assertTrue(json.indexOf("\"key\" : \"caption_retrieval\"") < json.indexOf("\"key\" : \"regression\"")
                && json.indexOf("\"key\" : \"regression\"") < json.indexOf("\"key\" : \"unconditional\"")
                && json.indexOf("\"key\" : \"unconditional\"") < json.indexOf("\"key\" : \"conditional\""), json);
        assertTrue(json.contains("\"not_evaluated\" : { }"), json);
        assertFalse(Files.readString(dir.resolve("out/report.md")).contains("Not evaluated"));

        assertEquals(2, execute(out, concat(common, dir.resolve("wrong").toString(), "--regression",
                stage1.toString())), "a stage-1 run is no regression baseline");
        assertEquals(2, execute(out, concat(common, dir.resolve("wrong").toString(), "--unconditional",
                mlp.toString())), "an MLP run is no unconditional generator");
        assertEquals(2, execute(out, concat(common, dir.resolve("wrong").toString(), "--row",
                "conditional=" + bundle)), "a bundle row cannot take a built-in row's name");
        assertTrue(Files.notExists(dir.resolve("wrong")));
        assertTrue(Files.isRegularFile(dir.resolve("out/bundles/regression.onnx")), "the rows' bundles are kept");

        Path otherEncoder = SmokeCheckpoints.mlp(dir.resolve("mlp-other"), PaperSpec.TEXT_DIM);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute(concat(common, dir.resolve("other").toString(), "--regression",
                otherEncoder.toString())), "a run on another encoder's vectors is refused");
        assertTrue(err.toString().contains(SmokeCheckpoints.ENCODER.onnxSha256()), err::toString);
    }

    @Test
    void usageErrorsExitWithTwo() {
        String output = dir.resolve("out").toString();
        StringWriter out = new StringWriter();
        assertEquals(2, execute(out, "evaluate", "--output", output, "--split", "train"), "no such split");
        assertEquals(2, execute(out, "evaluate", "--output", output, "--draws", "0"));
        assertEquals(2, execute(out, "evaluate", "--output", output, "--resamples", "0"));
        assertEquals(2, execute(out, "evaluate", "--output", output, "--limit-images", "1"),
                "caption match and FID compare two images at least");
        assertEquals(2, execute(out, "evaluate"), "--output is required");
        assertEquals(2, execute(out, "evaluate", "--output", output, "--unconditional", dir.toString()),
                "no checkpoint there");
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static int execute(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
