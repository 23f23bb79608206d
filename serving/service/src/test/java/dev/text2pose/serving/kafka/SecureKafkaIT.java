package dev.text2pose.serving.kafka;

import dev.text2pose.serving.cli.Text2PoseCli;
import dev.text2pose.serving.http.HttpPaths;
import dev.text2pose.serving.testkit.ScramBroker;
import dev.text2pose.serving.testkit.ServiceProcess;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * text2pose on a locked-down cluster: SASL/SCRAM-SHA-512 only, the standard authorizer, nothing allowed without an
 * ACL, and exactly {@link ServiceAcls}' grants. The service runs as its own process configured through environment
 * variables, as in a container; the command-line clients log in with properties files. Strangers and wrong passwords
 * are refused, every principal can do only its own job, and no password reaches the service's output or /metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path WORK = Path.of("target", "secure-kafka-it", UUID.randomUUID().toString().substring(0, 8));
    private static final String SERVICE = "text2pose";
    private static final String SENDER = "caption-sender";
    private static final String READER = "pose-reader";
    private static final String STRANGER = "no-acls";
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

    private static ScramBroker broker;
    private static ServiceProcess service;
    private static ServiceAcls.Resources topics;
    private static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        for (String user : List.of(SERVICE, SENDER, READER, STRANGER)) {
            PASSWORDS.put(user, user + "-secret-" + UUID.randomUUID());
        }
        broker = ScramBroker.start(WORK.resolve("broker"));
        topics = new ServiceAcls.Resources("secure.captions", "secure.poses", "secure.captions.dlq", "secure-serving");
        try (Admin admin = broker.admin()) {
            for (String user : PASSWORDS.keySet()) {
                broker.addUser(admin, user, PASSWORDS.get(user));
            }
            admin.createTopics(List.of(new NewTopic(topics.captionTopic(), 2, (short) 1),
                    new NewTopic(topics.poseTopic(), 2, (short) 1),
                    new NewTopic(topics.deadLetterTopic(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> acls = new ArrayList<>(ServiceAcls.service("User:" + SERVICE, topics));
            acls.addAll(ServiceAcls.captionProducer("User:" + SENDER, topics));
            acls.addAll(ServiceAcls.poseReader("User:" + READER, topics));
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        httpPort = FreePorts.any();
        service = ServiceProcess.start(WORK.resolve("service.log"),
                List.of("-Dlog4j2.configurationFile=classpath:log4j2-secure-service.xml"), serviceEnvironment(), "run");
        service.awaitReady(httpPort, TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void theServiceAnswersClientsThatEachHoldOnlyTheirOwnRights() throws Exception {
        List<String> sent = cli("produce", "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config",
                propertiesFile(SENDER).toString(), "--topic", topics.captionTopic(),
                "a person riding a horse", "a man holding a surfboard").stream()
                .map(line -> line.split("\t")[0]).toList();
        assertEquals(2, sent.size());
        List<String> poses = cli("subscribe", "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config",
                propertiesFile(READER).toString(), "--topic", topics.poseTopic(), "--from-beginning",
                "--max-events", "2", "--idle-timeout", String.valueOf(TIMEOUT.toSeconds()));
        Set<String> answered = poses.stream().map(line -> line.replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(sent), answered);
    }

    @Test
    @Order(2)
    void clientsWithoutCredentialsOrWithAWrongPasswordAreRefused() {
        Map<String, Object> anonymous = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2000));
        try (Admin admin = Admin.create(anonymous)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause(),
                    "a client without SASL never gets past the handshake");
        }
        Map<String, Object> wrong = new HashMap<>(client(SERVICE, "not-" + PASSWORDS.get(SERVICE)));
        wrong.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        wrong.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    @Order(3)
    void anAuthenticatedPrincipalWithoutAclsCannotReadPoses() {
        assertThrows(TopicAuthorizationException.class, () -> readPoses(STRANGER));
    }

    @Test
    @Order(4)
    void theServicePrincipalCanNeitherReadPosesNorSendCaptions() throws Exception {
        assertThrows(TopicAuthorizationException.class, () -> readPoses(SERVICE));
        Map<String, Object> props = new HashMap<>(client(SERVICE, PASSWORDS.get(SERVICE)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>(topics.captionTopic(), "k", new byte[] {1})).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @Test
    @Order(5)
    void noPasswordReachesTheServicesOutputOrMetrics() throws Exception {
        HttpResponse<String> metrics = service.get(httpPort, HttpPaths.METRICS)
                .orElseThrow(() -> new AssertionError("/metrics did not answer; log:\n" + service.output()));
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertNoPassword(HttpPaths.METRICS, metrics.body());
        service.close();
        String output = service.output();
        assertTrue(output.contains("sasl.jaas.config=" + KafkaSecrets.MASK), "the service logged its config masked");
        assertTrue(output.contains("sasl.jaas.config = [hidden]"), "Kafka logged its config, hiding the JAAS line");
        assertNoPassword("the service's output (" + WORK.resolve("service.log") + ")", output);
    }

    private static void assertNoPassword(String where, String text) {
        PASSWORDS.forEach((user, password) ->
                assertFalse(text.contains(password), where + " shows " + user + "'s password"));
    }

    /** Reads the pose topic directly, without a group, as {@code user}; throws what the broker answers. */
    private static void readPoses(String user) {
        Map<String, Object> props = new HashMap<>(client(user, PASSWORDS.get(user)));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(new TopicPartition(topics.poseTopic(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
        }
    }

    private static Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of(
                "TEXT2POSE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "TEXT2POSE_CAPTION_TOPIC", topics.captionTopic(),
                "TEXT2POSE_POSE_TOPIC", topics.poseTopic(),
                "TEXT2POSE_DEAD_LETTER_TOPIC", topics.deadLetterTopic(),
                "TEXT2POSE_GROUP_ID", topics.groupId(),
                "TEXT2POSE_HTTP_PORT", String.valueOf(httpPort),
                "TEXT2POSE_VIEWER", "false",
                "TEXT2POSE_PROVIDER", "CPU",
                "TEXT2POSE_THREADS", "1"));
        broker.clientProperties(SERVICE, PASSWORDS.get(SERVICE))
                .forEach((key, value) -> env.put(dev.text2pose.serving.cli.KafkaEnvironment.variableName(key), value));
        return env;
    }

    private static Map<String, Object> client(String user, String password) {
        return new HashMap<>(broker.clientConfig(user, password));
    }

    private static Path propertiesFile(String user) throws Exception {
        return broker.writeClientProperties(WORK.resolve(user + ".properties"), user, PASSWORDS.get(user));
    }

    /** Runs a {@code text2pose} command in this JVM and returns its standard output's lines. */
    private static List<String> cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Text2PoseCli());
        command.setOut(new PrintWriter(out, true));
        int exit = command.execute(args);
        assertEquals(0, exit, "text2pose " + Arrays.toString(args) + " failed: " + out);
        return out.toString().lines().filter(line -> !line.isBlank()).toList();
    }
}
