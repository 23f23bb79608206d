package dev.text2pose.serving.cli;

import dev.text2pose.model.RequestLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the service would dead-letter are refused by {@code demo} and {@code produce} before anything starts:
 * exit code 2 and one line naming the broken rule, and no connection to Kafka (the address given is a port that
 * records any connection) and no child process (the embedded broker is one).
 */
class CliValidationTest {

    static Stream<List<String>> invalidRequests() {
        return Stream.of(
                List.of("", "caption must not be blank"),
                List.of("   ", "caption must not be blank"),
                List.of("a".repeat(5000), "caption must be at most " + RequestLimits.MAX_CAPTION_CHARS),
                List.of("--samples", "0", "a man", "samples must be 1..16, got 0"),
                List.of("--samples", "99", "a man", "samples must be 1..16, got 99"),
                List.of("--target", "a woman", "--frames", "1", "a man", "frames must be 2..60 with a target caption"),
                List.of("--target", "   ", "a man", "targetCaption must not be blank"),
                List.of("--frames", "3", "a man", "Missing required argument(s): --target=CAPTION"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void demoRefusesWhatTheServiceWouldDeadLetterBeforeStartingAnything(List<String> argsThenMessage) throws Exception {
        assertRefused("demo", argsThenMessage);
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void produceRefusesWhatTheServiceWouldDeadLetterBeforeContactingKafka(List<String> argsThenMessage)
            throws Exception {
        assertRefused("produce", argsThenMessage);
    }

    @Test
    void produceRefusesEachBadCaptionOnItsOwnLineAndSendsNone() throws Exception {
        try (UntouchedPort kafka = new UntouchedPort()) {
            CliRun run = CliRun.of("produce", "--bootstrap-servers", kafka.address(), "a man", "", "a woman", " ");

            assertEquals(2, run.exit());
            assertEquals(List.of(
                    "text2pose produce: caption 2 (\"\"): caption must not be blank (see 'text2pose produce --help')",
                    "text2pose produce: caption 4 (\"\"): caption must not be blank (see 'text2pose produce --help')"),
                    run.errLines());
            assertEquals("", run.out(), "no request id printed: nothing was sent");
            assertFalse(kafka.touched(), "one bad caption sends none of them");
        }
    }

    @Test
    void usageErrorsArePrintedAsOneLineWithoutTheUsageText() {
        CliRun run = CliRun.of("demo", "--sample", "2", "a man");
        assertEquals(2, run.exit());
        assertEquals(List.of("text2pose demo: Unknown options: '--sample', 'a man'; did you mean --samples? "
                + "(see 'text2pose demo --help')"), run.errLines());
    }

    @Test
    void aValueOutsideAnOptionsChoicesNamesTheChoices() {
        CliRun run = CliRun.of("run", "--provider", "GPU");
        assertEquals(2, run.exit());
        assertEquals(List.of("text2pose run: Invalid value for option '--provider': execution provider must be auto, "
                + "cuda or cpu, got 'GPU' (see 'text2pose run --help')"), run.errLines());
    }

    private static void assertRefused(String command, List<String> argsThenMessage) throws Exception {
        long childrenBefore = ProcessHandle.current().descendants().count();
        try (UntouchedPort kafka = new UntouchedPort()) {
            List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", kafka.address()));
            args.addAll(argsThenMessage.subList(0, argsThenMessage.size() - 1));
            String expected = argsThenMessage.get(argsThenMessage.size() - 1);

            CliRun run = CliRun.of(args.toArray(String[]::new));

            assertEquals(2, run.exit(), run.err());
            assertEquals(1, run.errLines().size(), "one line: " + run.err());
            String line = run.errLines().get(0);
            assertTrue(line.startsWith("text2pose " + command + ": ") && line.contains(expected)
                    && line.endsWith("(see 'text2pose " + command + " --help')"), line);
            assertFalse(kafka.touched(), "Kafka was contacted before the request was checked");
        }
        assertEquals(childrenBefore, ProcessHandle.current().descendants().count(), "no process was started");
    }
}
