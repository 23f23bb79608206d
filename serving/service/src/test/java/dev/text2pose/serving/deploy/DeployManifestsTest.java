package dev.text2pose.serving.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.text2pose.serving.ServiceConfig;
import dev.text2pose.serving.cli.KafkaEnvironment;
import dev.text2pose.serving.http.HttpPaths;
import dev.text2pose.serving.kafka.KafkaSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No cluster runs here, so this checks what can be checked without one: every file under deploy/ parses, and what
 * the files claim about the service (probe paths, environment variables, ports, images, partitions) is what the
 * code says, read from the code rather than repeated here.
 */
class DeployManifestsTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)");
    /** Variables our image sets for the JVM and its native libraries rather than for the service. */
    private static final List<String> RUNTIME_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "DJL_CACHE_DIR", "JAVA_HOME",
            "PATH");

    private static DeployFiles files;
    private static List<Containers.Container> ours;

    @BeforeAll
    static void parse() {
        files = DeployFiles.load();
        ours = java.util.stream.Stream.concat(Containers.kubernetes(files).stream(), Containers.compose(files).stream())
                .filter(Containers.Container::isText2Pose).toList();
    }

    @Test
    void everyFileParsesAndTheKustomizationsNameOnlyFilesThatExist() {
        assertTrue(files.yaml.size() >= 10, "manifests found: " + files.yaml.keySet());
        files.yaml.forEach((file, docs) -> assertFalse(docs.isEmpty(), file + " is empty"));
        for (String dir : List.of("k8s", "k8s/gpu")) {
            files.kustomizationResources(dir)
                    .forEach(r -> assertTrue(Files.exists(files.root.resolve(r)), r.toString()));
            files.document(dir + "/kustomization.yaml").path("patches").forEach(p ->
                    assertTrue(Files.exists(files.root.resolve(dir).resolve(p.path("path").asText())), p.toString()));
        }
        files.kubernetesObjects().forEach(o -> assertFalse(o.path("metadata").path("name").asText().isEmpty(),
                "every object is named: " + o));
        assertFalse(files.kustomizationResources("k8s").contains(Path.of("k8s/secret.example.yaml")),
                "the example Secret with placeholder passwords must never be applied");
        assertEquals(3, ours.size(), "our containers: Deployment, set-up Job, compose service");
    }

    @Test
    void probesAndTheScrapePathAreTheServicesOwnPaths() {
        JsonNode pod = deployment().path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertEquals(HttpPaths.LIVE, container.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals(HttpPaths.LIVE, container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(HttpPaths.READY, container.path("readinessProbe").path("httpGet").path("path").asText());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(Containers.namedPort(container, "http"), Containers.port(container, container.path(probe).path("httpGet").path("port")),
                    probe + " targets the HTTP port");
        }
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertEquals(HttpPaths.METRICS, annotations.path("prometheus.io/path").asText());
        assertEquals(Containers.namedPort(container, "http"), annotations.path("prometheus.io/port").asInt());
        String healthcheck = files.document("compose.yaml").path("services").path("text2pose").path("healthcheck")
                .path("test").toString();
        assertTrue(healthcheck.contains(HttpPaths.READY) && healthcheck.contains("/" + compose().httpPort()),
                healthcheck);
    }

    @Test
    void everyVariableOurContainersSetIsOneTheServiceReads() {
        for (Containers.Container c : ours) {
            Set<String> shared = sharedConfigMapKeys(c);
            for (String name : c.ownEnv()) {
                boolean interpolated = c.env().values().stream().anyMatch(v -> v.contains("$(" + name + ")"));
                assertTrue(ServiceContract.reads(c.command(), name) || interpolated
                                || (shared.contains(name) && ServiceContract.reads("run", name)),
                        c.where() + " sets " + name + ", which `text2pose " + c.command() + "` does not read");
            }
            c.env().values().forEach(v -> {
                Matcher m = REFERENCE.matcher(v);
                while (m.find()) {
                    assertTrue(c.env().containsKey(m.group(1)), c.where() + " refers to unset $(" + m.group(1) + ")");
                }
            });
        }
        files.dockerfileEnvironment().keySet().forEach(name -> assertTrue(
                ServiceContract.reads("run", name) || RUNTIME_VARIABLES.contains(name), "Dockerfile ENV " + name));
    }

    @Test
    void kafkaPropertiesFromTheEnvironmentAreRealClientPropertiesAndSecretsComeFromSecrets() {
        for (Containers.Container c : ours) {
            KafkaEnvironment.properties(c.env()).forEach((property, value) -> {
                assertTrue(ServiceContract.kafkaClientProperties().contains(property),
                        c.where() + ": " + KafkaEnvironment.variableName(property) + " is no Kafka client property");
                if (KafkaSecrets.isSecret(property)) {
                    assertFalse(REFERENCE.matcher(value).replaceAll("").matches(".*password=\"[^\"]+\".*"),
                            c.where() + " writes a password into " + property);
                }
            });
        }
        files.kubernetes("ConfigMap", "text2pose").orElseThrow().path("data").fieldNames().forEachRemaining(name ->
                KafkaEnvironment.properties(Map.of(name, "x")).keySet().forEach(property -> assertFalse(
                        KafkaSecrets.isSecret(property), "the ConfigMap holds the secret " + name)));
        ServiceContract.environment("run").keySet().stream().filter(v -> v.startsWith(KafkaEnvironment.PREFIX))
                .forEach(v -> assertTrue(KafkaEnvironment.RESERVED.contains(v), v + " would also be a property"));
    }

    @Test
    void everySecretReferenceNamesAKeyOfTheExampleSecretAndTheTrustStoreIsMounted() {
        Map<String, JsonNode> secrets = new java.util.HashMap<>();
        files.yaml.get(Path.of("k8s/secret.example.yaml")).forEach(s -> secrets.put(s.path("metadata").path("name")
                .asText(), s.path("stringData")));
        java.util.function.BiConsumer<String, String> exists = (secret, key) -> assertTrue(
                secrets.containsKey(secret) && secrets.get(secret).has(key), "Secret " + secret + " has no key " + key);
        for (Containers.Container c : Containers.kubernetes(files)) {
            Containers.stream(c.node().path("env")).map(e -> e.path("valueFrom").path("secretKeyRef"))
                    .filter(JsonNode::isObject).forEach(ref -> exists.accept(ref.path("name").asText(),
                            ref.path("key").asText()));
        }
        files.kubernetesObjects().flatMap(o -> Containers.stream(o.path("spec").path("template").path("spec")
                .path("volumes"))).map(v -> v.path("secret")).filter(JsonNode::isObject).forEach(secret -> {
                    assertTrue(secrets.containsKey(secret.path("secretName").asText()), secret.toString());
                    secret.path("items").forEach(i -> exists.accept(secret.path("secretName").asText(),
                            i.path("key").asText()));
                });
        Containers.stream(files.kubernetes("TriggerAuthentication", "text2pose-kafka").orElseThrow()
                .path("spec").path("secretTargetRef")).forEach(ref -> exists.accept(ref.path("name").asText(),
                        ref.path("key").asText()));
        for (Containers.Container c : ours) {
            String trustStore = c.env().getOrDefault(KafkaEnvironment.variableName("ssl.truststore.location"), "");
            if (!trustStore.isEmpty() && c.where().startsWith("Deployment")) {
                assertTrue(Containers.stream(c.node().path("volumeMounts")).anyMatch(m ->
                        trustStore.startsWith(m.path("mountPath").asText() + "/")),
                        c.where() + " mounts " + trustStore);
            }
        }
    }

    /**
     * Keys a container takes from a ConfigMap with {@code envFrom}: the service's own settings, shared with the
     * setup Job, where each command reads the ones it uses (a key only `run` reads is still no typo).
     */
    private static Set<String> sharedConfigMapKeys(Containers.Container c) {
        Set<String> keys = new HashSet<>();
        Containers.stream(c.node().path("envFrom")).map(from -> from.path("configMapRef").path("name").asText())
                .flatMap(name -> files.kubernetes("ConfigMap", name).stream())
                .forEach(map -> map.path("data").fieldNames().forEachRemaining(keys::add));
        return keys;
    }

    @Test
    void portsAgreeWithTheServiceAndItListensBeyondLoopbackInContainers() {
        int port = Integer.parseInt(ServiceContract.environment("run").get("TEXT2POSE_HTTP_PORT"));
        assertEquals(ServiceConfig.defaults().httpPort(), port, "the CLI's default is the config's");
        assertTrue(files.dockerfile().contains("EXPOSE " + compose().httpPort()), "Dockerfile EXPOSE");
        for (Containers.Container c : ours) {
            if (c.command().equals("run")) {
                assertEquals("0.0.0.0", c.env().get("TEXT2POSE_HTTP_HOST"), c.where() + " must listen beyond loopback");
            }
        }
        Containers.Container deployed = ours.stream().filter(c -> c.where().startsWith("Deployment")).findFirst()
                .orElseThrow();
        assertEquals(deployed.httpPort(), Containers.namedPort(deployed.node(), "http"), "containerPort is the service's HTTP port");
        JsonNode service = files.kubernetes("Service", "text2pose").orElseThrow().path("spec");
        assertEquals(Containers.namedPort(deployed.node(), "http"), Containers.port(deployed.node(), service.path("ports").get(0)
                .path("targetPort")));
        for (JsonNode mapping : compose().node().path("ports")) {
            assertTrue(mapping.asText().endsWith(":" + compose().httpPort()), "compose maps " + mapping);
        }
    }

    @Test
    void imagesAgreeBetweenFilesAndWithTheCode() {
        String image = "text2pose:" + ServiceContract.version();
        ours.forEach(c -> assertEquals(image, c.image(), c.where()));
        assertEquals(ServiceContract.version() + "-gpu", files.document("k8s/gpu/kustomization.yaml").path("images")
                .get(0).path("newTag").asText());
        assertTrue(files.text("scripts/build-image.sh").contains("version=" + ServiceContract.version()));
        assertTrue(files.text("scripts/image-check.sh").contains("image=localhost/" + image + " "), "image-check.sh");
        String kafka = "apache/kafka:" + ServiceContract.kafkaVersion();
        java.util.stream.Stream.concat(Containers.kubernetes(files).stream(), Containers.compose(files).stream())
                .filter(c -> c.image().startsWith("apache/kafka"))
                .forEach(c -> assertEquals(kafka, c.image(), c.where()));
        String release = files.text("../pom.xml").replaceAll("(?s).*<maven.compiler.release>(\\d+)<.*", "$1");
        assertTrue(files.dockerfileArg("Dockerfile", "BASE_IMAGE").contains(":" + release + "-"),
                "runtime JRE is Java " + release);
        assertTrue(files.dockerfileArg("cuda-base.Dockerfile", "JRE_IMAGE").contains(":" + release + "-"),
                "the GPU base's JRE is Java " + release);
        assertTrue(files.text("scripts/debian-base.sh").contains("openjdk-" + release + "-jre-headless"),
                "the Debian base's JRE is Java " + release);
        assertEquals("deploy/Dockerfile", files.document("compose.yaml").path("services").path("text2pose")
                .path("build").path("dockerfile").asText());
    }

    @Test
    void theImageCopiesTheLinuxDistributionAndTheBuildContextLetsItThrough() {
        String distribution = "serving/dist/target/text2pose/";
        assertTrue(files.text("../serving/dist/pom.xml").contains("<argument>${project.build.directory}/text2pose"
                + "</argument>"), "serving/dist writes " + distribution);
        List<String> copies = files.dockerfile().stream().filter(i -> i.startsWith("COPY ")).toList();
        assertFalse(copies.isEmpty(), "the Dockerfile copies the service");
        copies.forEach(c -> assertTrue(c.split(" ")[1].startsWith(distribution), c));
        assertTrue(files.text("Dockerfile.dockerignore").lines().anyMatch(("!" + distribution)::equals),
                "Dockerfile.dockerignore lets " + distribution + " into the build context");
    }

    @Test
    void autoscalingStopsAtThePartitionCountAndFollowsTheServicesGroupAndTopic() {
        Map<String, String> config = deployedEnvironment();
        JsonNode keda = files.kubernetes("ScaledObject", "text2pose").orElseThrow().path("spec");
        int partitions = DeployFiles.createdPartitions(files.text("k8s/topics-job.yaml"), "\"$TEXT2POSE_CAPTION_TOPIC\"");
        assertTrue(keda.path("maxReplicaCount").asInt() <= partitions, "replicas beyond " + partitions + " idle");
        assertEquals(String.valueOf(partitions), config.get("TEXT2POSE_PARTITIONS"));
        assertEquals("text2pose", keda.path("scaleTargetRef").path("name").asText());
        assertTrue(files.kubernetes("Deployment", keda.path("scaleTargetRef").path("name").asText()).isPresent());
        JsonNode trigger = keda.path("triggers").get(0).path("metadata");
        assertEquals(config.get("TEXT2POSE_CAPTION_TOPIC"), trigger.path("topic").asText());
        assertEquals(config.get("TEXT2POSE_GROUP_ID"), trigger.path("consumerGroup").asText());
        assertEquals(config.get("TEXT2POSE_BOOTSTRAP_SERVERS"), trigger.path("bootstrapServers").asText());
        assertEquals("false", trigger.path("allowIdleConsumers").asText());
        JsonNode pdb = files.kubernetes("PodDisruptionBudget", "text2pose").orElseThrow().path("spec");
        assertTrue(pdb.path("maxUnavailable").asInt() < keda.path("minReplicaCount").asInt(), "a drain leaves one");
        assertEquals(deployment().path("spec").path("selector").path("matchLabels"),
                pdb.path("selector").path("matchLabels"));
        int composePartitions = DeployFiles.createdPartitions(compose("topics").path("command").toString(),
                compose().env().get("TEXT2POSE_CAPTION_TOPIC"));
        assertTrue(compose().node().path("deploy").path("replicas").asInt() <= composePartitions);
    }

    private static JsonNode deployment() {
        return files.kubernetes("Deployment", "text2pose").orElseThrow();
    }

    private static Map<String, String> deployedEnvironment() {
        return ours.stream().filter(c -> c.where().startsWith("Deployment")).findFirst().orElseThrow().env();
    }

    private static Containers.Container compose() {
        return ours.stream().filter(c -> c.where().startsWith("compose")).findFirst().orElseThrow();
    }

    private static JsonNode compose(String service) {
        return files.document("compose.yaml").path("services").path(service);
    }
}
