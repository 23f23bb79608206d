package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each command's help lists the options it uses, with their defaults and environment variables, on whole words. */
class CliHelpTest {

    private static final List<String> COMMANDS = List.of("run", "produce", "subscribe", "demo", "acls");
    /** Options only a running service uses: the demo runs one with a private broker, the others run none. */
    private static final List<String> SERVING_ONLY = List.of("--data-dir", "--embedded-port", "--http-host",
            "--http-port", "--[no-]viewer", "--partitions", "--max-wait-ms", "--max-in-flight", "--delivery",
            "--max-age-ms", "--instance-id", "--model-reload-interval-ms");
    private static final List<String> MODEL = List.of("--model", "--provider", "--threads", "--max-batch");

    @Test
    void demoListsNeitherTheEmbeddedBrokersNorTheHttpServersOptions() {
        String help = CliRun.help("demo");
        SERVING_ONLY.forEach(option -> assertFalse(help.contains(option), "demo --help lists " + option));
        List.of("--samples", "--seed", "--target", "--frames", "--png", "--model", "--provider")
                .forEach(option -> assertTrue(help.contains(option), "demo --help lacks " + option));
    }

    @Test
    void aclsListsOnlyKafkaTopicsAndPrincipals() {
        String help = CliRun.help("acls");
        SERVING_ONLY.forEach(option -> assertFalse(help.contains(option), "acls --help lists " + option));
        MODEL.forEach(option -> assertFalse(help.contains(option), "acls --help lists " + option));
        List.of("--bootstrap-servers", "--caption-topic", "--group-id", "--service-principal", "--apply")
                .forEach(option -> assertTrue(help.contains(option), "acls --help lacks " + option));
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce", "subscribe"})
    void clientsListNoServiceOptions(String command) {
        String help = CliRun.help(command);
        SERVING_ONLY.forEach(option -> assertFalse(help.contains(option), command + " --help lists " + option));
        MODEL.forEach(option -> assertFalse(help.contains(option), command + " --help lists " + option));
    }

    @Test
    void everyOptionWithAnEnvironmentVariableShowsItsVariableAndEveryDefaultIsShownWhole() {
        int variables = 0;
        for (String command : COMMANDS) {
            String help = CliRun.help(command);
            for (OptionSpec option : spec(command).options()) {
                String name = OptionHelp.variable(option).orElse(null);
                if (name != null) {
                    variables++;
                    assertTrue(help.contains("Env: " + name), command + " --help lacks Env: " + name);
                }
                if (option.initialValue() != null && option.arity().max() > 0 && !option.hidden()
                        && option.showDefaultValue() != CommandLine.Help.Visibility.NEVER) {
                    String shown = "Default: " + option.initialValue();
                    assertTrue(help.contains(shown), command + " --help lacks '" + shown + "' on one line:\n" + help);
                }
            }
        }
        assertTrue(variables >= 26, "run alone reads 22 variables; found " + variables + " in all");
    }

    @Test
    void helpBreaksLinesAtSpacesOnly() {
        String help = CliRun.help("run");
        for (String word : List.of("security.protocol", ".onnx", "transactional.id", "read_committed")) {
            assertTrue(help.contains(word), "'" + word + "' is cut in:\n" + help);
        }
    }

    @Test
    void theDefaultsTheCommandLineShowsAreTheServiceConfigsDefaults() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("TEXT2POSE_")),
                "the environment sets TEXT2POSE_* variables, which override the defaults");
        ServiceOptions options = new ServiceOptions();
        new CommandLine(options).parseArgs();
        ServiceConfig parsed = options.toConfig();
        ServiceConfig defaults = ServiceConfig.defaults();
        assertEquals(defaults.withPipeline(parsed.pipeline().withInstanceId(defaults.pipeline().instanceId())),
                parsed.withPipeline(parsed.pipeline().withInstanceId(defaults.pipeline().instanceId())),
                "flags with their defaults give ServiceConfig.defaults() (the instance id is random on both sides)");
        String help = CliRun.help("run");
        for (String value : Set.of(defaults.captionTopic(), defaults.groupId(), Integer.toString(defaults.httpPort()),
                defaults.embeddedBroker().dataDir().toString(), defaults.pipeline().delivery().toString())) {
            assertTrue(help.contains("Default: " + value), "run --help shows " + value);
        }
    }

    private static CommandLine.Model.CommandSpec spec(String command) {
        return Text2PoseCli.commandLine().getSubcommands().get(command).getCommandSpec();
    }
}
