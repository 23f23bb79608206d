package dev.text2pose.serving.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The containers the deployment files run, each with the environment it would see. */
final class Containers {

    /** The value a variable set from a Secret is given here: its source, never a value. */
    static final String FROM_SECRET = "(from a secret)";

    /**
     * One container.
     *
     * @param where   file and container name, for messages
     * @param env     the effective environment: the image's ENV (for our image), then ConfigMaps, then env entries
     * @param ownEnv  the names the file itself sets for this container (env entries and ConfigMap keys)
     */
    record Container(String where, String image, List<String> args, Map<String, String> env, List<String> ownEnv,
                     JsonNode node) {

        boolean isText2Pose() {
            return image.startsWith("text2pose:");
        }

        /** The HTTP port the service in it listens on: its TEXT2POSE_HTTP_PORT, else the option's default. */
        int httpPort() {
            return Integer.parseInt(env.getOrDefault("TEXT2POSE_HTTP_PORT",
                    ServiceContract.environment("run").get("TEXT2POSE_HTTP_PORT")));
        }

        /** The subcommand it runs: the first argument, else the image's CMD ({@code run}). */
        String command() {
            return args.isEmpty() ? "run" : args.get(0);
        }
    }

    private Containers() {
    }

    /** Every container and init container of every Deployment and Job under k8s/. */
    static List<Container> kubernetes(DeployFiles files) {
        List<Container> containers = new ArrayList<>();
        files.kubernetesObjects().filter(d -> d.has("spec") && d.path("spec").has("template")).forEach(workload -> {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            Stream.concat(stream(pod.path("initContainers")), stream(pod.path("containers"))).forEach(c ->
                    containers.add(kubernetesContainer(files, workload, c)));
        });
        return containers;
    }

    /** The compose file's services. */
    static List<Container> compose(DeployFiles files) {
        List<Container> containers = new ArrayList<>();
        JsonNode services = files.document("compose.yaml").path("services");
        services.fieldNames().forEachRemaining(name -> {
            JsonNode service = services.path(name);
            String image = service.path("image").asText();
            Map<String, String> env = new LinkedHashMap<>(image.startsWith("text2pose:") ? files.dockerfileEnvironment()
                    : Map.of());
            service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            List<String> own = new ArrayList<>();
            service.path("environment").fieldNames().forEachRemaining(own::add);
            containers.add(new Container("compose.yaml service " + name, image, texts(service.path("command")), env,
                    own, service));
        });
        return containers;
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static Container kubernetesContainer(DeployFiles files, JsonNode workload, JsonNode c) {
        String image = c.path("image").asText();
        Map<String, String> env = new LinkedHashMap<>(image.startsWith("text2pose:") ? files.dockerfileEnvironment()
                : Map.of());
        List<String> own = new ArrayList<>();
        stream(c.path("envFrom")).forEach(from -> {
            String name = from.path("configMapRef").path("name").asText();
            JsonNode map = files.kubernetes("ConfigMap", name)
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + name)).path("data");
            map.properties().forEach(e -> {
                env.put(e.getKey(), e.getValue().asText());
                own.add(e.getKey());
            });
        });
        stream(c.path("env")).forEach(e -> {
            env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : FROM_SECRET);
            own.add(e.path("name").asText());
        });
        String where = workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText()
                + " container " + c.path("name").asText();
        return new Container(where, image, texts(c.path("args")), env, own, c);
    }

    /** The container port with that name. */
    static int namedPort(JsonNode container, String name) {
        return stream(container.path("ports")).filter(p -> p.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + name)).path("containerPort").asInt();
    }

    /** A probe's or Service's port: a number, or the name of one of the container's ports. */
    static int port(JsonNode container, JsonNode port) {
        return port.isInt() ? port.asInt() : namedPort(container, port.asText());
    }
}
