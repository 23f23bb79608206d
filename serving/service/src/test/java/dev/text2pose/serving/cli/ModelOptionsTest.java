package dev.text2pose.serving.cli;

import dev.text2pose.model.ShippedBundle;
import dev.text2pose.serving.ServiceConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --model}: a shipped bundle's name, or a path, which is watched; nothing serves the default. */
class ModelOptionsTest {

    @Test
    void aShippedNameServesThatBundleWithoutAPath() {
        ServiceConfig config = configFor("--model", "flow");
        assertEquals(ShippedBundle.FLOW, config.shippedModel());
        assertEquals(Optional.empty(), config.modelPath());
    }

    @Test
    void anythingElseIsAPathToWatch() {
        assertEquals(Optional.of(Path.of("./flow")), configFor("--model", "./flow").modelPath());
        assertEquals(Optional.of(Path.of("runs/flow.onnx")), configFor("--model", "runs/flow.onnx").modelPath());
    }

    @Test
    void noModelServesTheDefault() {
        ServiceConfig config = configFor();
        assertEquals(ShippedBundle.DEFAULT, config.shippedModel());
        assertEquals(Optional.empty(), config.modelPath());
    }

    private static ServiceConfig configFor(String... args) {
        ModelOptions options = CommandLine.populateCommand(new ModelOptions(), args);
        ServiceConfig.Builder builder = ServiceConfig.builder();
        options.applyTo(builder);
        return builder.build();
    }
}
