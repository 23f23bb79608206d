package dev.text2pose.serving.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's {@code deploy/} folder, parsed: YAML documents by file, and the Dockerfile's instructions. */
final class DeployFiles {

    private static final YAMLMapper YAML = new YAMLMapper();

    final Path root;
    final Map<Path, List<JsonNode>> yaml = new LinkedHashMap<>();

    private DeployFiles(Path root) {
        this.root = root;
    }

    /** Finds {@code deploy/} above the working directory (the module, under Maven) and parses every YAML file. */
    static DeployFiles load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy").resolve("Dockerfile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/Dockerfile above " + Path.of("").toAbsolutePath());
        }
        DeployFiles files = new DeployFiles(dir.resolve("deploy"));
        try (Stream<Path> paths = Files.walk(files.root)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                files.yaml.put(files.root.relativize(file), YAML.readerFor(JsonNode.class).<JsonNode>readValues(
                        file.toFile()).readAll());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.root, e);
        }
        return files;
    }

    /** The one document of {@code file}. */
    JsonNode document(String file) {
        List<JsonNode> docs = yaml.get(Path.of(file));
        if (docs == null || docs.size() != 1) {
            throw new AssertionError(file + " should hold exactly one YAML document, has " + docs);
        }
        return docs.get(0);
    }

    /** The Kubernetes object of that kind and name, from any file under k8s/. */
    Optional<JsonNode> kubernetes(String kind, String name) {
        return kubernetesObjects().filter(d -> kind.equals(d.path("kind").asText())
                && name.equals(d.path("metadata").path("name").asText())).findFirst();
    }

    /** The objects of the base kustomization's resources (the GPU overlay's patches are not objects). */
    Stream<JsonNode> kubernetesObjects() {
        return kustomizationResources("k8s").stream().flatMap(file -> yaml.get(file).stream());
    }

    /** The files a kustomization lists under {@code resources}, relative to deploy/. */
    List<Path> kustomizationResources(String dir) {
        List<Path> files = new ArrayList<>();
        document(dir + "/kustomization.yaml").path("resources")
                .forEach(r -> files.add(Path.of(dir).resolve(r.asText()).normalize()));
        return files;
    }

    String text(String file) {
        try {
            return Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped: e.g. {@code EXPOSE 8080}. */
    List<String> dockerfile() {
        return dockerfile("Dockerfile");
    }

    /** The instructions of a Dockerfile under deploy/, as {@link #dockerfile()} gives them. */
    List<String> dockerfile(String file) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text(file).lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    /** The variables the Dockerfile's ENV instructions set. */
    Map<String, String> dockerfileEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String instruction : dockerfile()) {
            if (instruction.startsWith("ENV ")) {
                Matcher m = pair.matcher(instruction.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return env;
    }

    /** The value of an {@code ARG name=value} in a Dockerfile under deploy/. */
    String dockerfileArg(String file, String name) {
        return dockerfile(file).stream().filter(i -> i.startsWith("ARG " + name + "=")).findFirst()
                .map(i -> i.substring(("ARG " + name + "=").length()))
                .orElseThrow(() -> new AssertionError(file + " has no ARG " + name));
    }

    /** The partitions a topics script creates for {@code topic}: its line {@code create <topic> <partitions>}. */
    static int createdPartitions(String script, String topic) {
        Matcher m = Pattern.compile("create " + Pattern.quote(topic) + " (\\d+)").matcher(script);
        if (!m.find()) {
            throw new AssertionError("no 'create " + topic + " <partitions>' in " + script);
        }
        return Integer.parseInt(m.group(1));
    }
}
