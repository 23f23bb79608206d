package dev.text2pose.serving.cli;

import dev.text2pose.model.BundleException;
import dev.text2pose.model.InferenceException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A failed command says in two plain lines what went wrong and what to do, exits 1, and checks what it can before
 * it touches Kafka or starts a broker.
 */
class FailureReportTest {

    @Test
    void aMissingModelIsReportedBeforeKafkaIsTouched(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-model.onnx");
        for (String command : List.of("demo", "run")) {
            try (UntouchedPort kafka = new UntouchedPort()) {
                List<String> args = new java.util.ArrayList<>(List.of(command, "--bootstrap-servers", kafka.address(),
                        "--model", missing.toString()));
                if (command.equals("demo")) {
                    args.add("a man");
                }
                CliRun run = CliRun.of(args.toArray(String[]::new));

                assertEquals(1, run.exit(), run.err());
                assertEquals(List.of("text2pose " + command + ": no model bundle at " + missing
                                + " (neither a .onnx file nor a folder holding one)",
                        "Give --model a bundle exported by the trainer or the name of a shipped one (paper, flow), or "
                                + "leave it out to serve the default."),
                        run.errLines());
                assertFalse(kafka.touched(), command + " contacted Kafka before checking --model");
            }
        }
    }

    @Test
    void runWithAMissingModelStartsNoEmbeddedBroker(@TempDir Path dir) {
        long children = ProcessHandle.current().descendants().count();
        CliRun run = CliRun.of("run", "--data-dir", dir.resolve("kafka").toString(), "--model",
                dir.resolve("missing.onnx").toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals(2, run.errLines().size(), run.err());
        assertEquals(children, ProcessHandle.current().descendants().count(), "no broker process was started");
        assertFalse(Files.exists(dir.resolve("kafka")), "no broker storage was formatted");
    }

    @Test
    void aForcedCudaOnAMachineWithoutAGpuIsRefusedBeforeKafkaIsTouched() throws Exception {
        assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "this machine has an NVIDIA GPU, so CUDA may work here");
        try (UntouchedPort kafka = new UntouchedPort()) {
            CliRun run = CliRun.of("run", "--bootstrap-servers", kafka.address(), "--provider", "CUDA");

            assertEquals(1, run.exit(), run.err());
            assertEquals(2, run.errLines().size(), run.err());
            assertTrue(run.errLines().get(0).startsWith("text2pose run: CUDA was requested for the service but "
                    + "cannot work here: no NVIDIA GPU is visible"), run.err());
            assertTrue(run.errLines().get(1).contains("--provider AUTO"), run.err());
            assertFalse(kafka.touched(), "run contacted Kafka before checking --provider");
        }
    }

    @Test
    void anUnwritablePngIsReportedBeforeKafkaIsTouched(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("a-file"), "x");
        Path png = notAFolder.resolve("pose.png");
        try (UntouchedPort kafka = new UntouchedPort()) {
            CliRun run = CliRun.of("demo", "--bootstrap-servers", kafka.address(), "--png", png.toString(), "a man");

            assertEquals(1, run.exit(), run.err());
            assertEquals(2, run.errLines().size(), run.err());
            assertEquals("text2pose demo: cannot write the PNG to " + png + ": " + notAFolder
                    + " is not a writable folder", run.errLines().get(0));
            assertTrue(run.errLines().get(1).startsWith("Give --png a file in a writable folder"), run.err());
            assertFalse(kafka.touched());
        }
    }

    @Test
    void kafkaTimeoutsSayWhereNothingAnswered() {
        Exception e = new IllegalStateException("cannot produce caption x", new ExecutionException(
                new TimeoutException("Topic text2pose.captions not present in metadata after 1000 ms.")));
        FailureReport.Explanation explained = FailureReport.explain(e, spec("produce", "--bootstrap-servers",
                "127.0.0.1:1"));
        assertEquals("Kafka at 127.0.0.1:1 did not answer: Topic text2pose.captions not present in metadata after "
                + "1000 ms.", explained.problem());
        assertTrue(explained.remedy().contains("--bootstrap-servers"), explained.remedy());
    }

    @Test
    void kafkaClientErrorsGiveTheInnermostReason() {
        Exception e = new KafkaException("Failed to construct kafka producer",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
        FailureReport.Explanation explained = FailureReport.explain(e, spec("subscribe"));
        assertEquals("Kafka client for " + KafkaOptions.LOCAL_BROKER + " failed: No resolvable bootstrap urls given "
                + "in bootstrap.servers", explained.problem());
    }

    @Test
    void aForcedCudaThatCannotRunPointsToAutoAndCpu() {
        Exception e = new InferenceException("CUDA was requested for minilm but a CUDA session could not be created");
        assertTrue(FailureReport.explain(e, spec("run", "--provider", "CUDA")).remedy().contains("--provider AUTO"));
        assertTrue(FailureReport.explain(e, spec("run", "--provider", "CPU")).remedy().contains("--model"),
                "without CUDA forced, a failing session is the model's fault");
    }

    @Test
    void aBadBundleAndAnUnknownFailureEachGetARemedy() {
        FailureReport.Explanation bundle = FailureReport.explain(
                new IllegalStateException("start", new BundleException("m.onnx: no metadata_props")), spec("run"));
        assertEquals("the model bundle cannot be served: m.onnx: no metadata_props", bundle.problem());
        FailureReport.Explanation unknown = FailureReport.explain(new IllegalStateException("odd\nsecond line"),
                spec("run"));
        assertEquals("odd", unknown.problem(), "one line of the message");
        assertTrue(unknown.remedy().contains("--verbose"), unknown.remedy());
    }

    private static CommandSpec spec(String command, String... args) {
        CommandLine cli = Text2PoseCli.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        cli.parseArgs(all);
        return cli.getSubcommands().get(command).getCommandSpec();
    }
}
