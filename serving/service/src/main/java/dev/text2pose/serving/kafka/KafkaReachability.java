package dev.text2pose.serving.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka cluster answers, for the readiness check: a metadata request ({@code describeCluster}) at a fixed
 * interval on its own thread, and the cached outcome. A health probe thus never waits on Kafka, and an open port alone
 * does not count as reachable. Logs each change of state once.
 */
public final class KafkaReachability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private final Admin admin;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "text2pose-kafka-check");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean reachable;

    /**
     * @param clientProperties where the cluster is, plus security settings
     * @param interval         time between checks; each check gives up after the same time
     */
    public KafkaReachability(Map<String, Object> clientProperties, Duration interval) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) interval.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) interval.toMillis());
        this.admin = Admin.create(props);
        this.interval = interval;
    }

    /** Checks once now, then every interval. */
    public KafkaReachability start() {
        check();
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The outcome of the last check. */
    public boolean reachable() {
        return reachable;
    }

    private void check() {
        boolean now;
        try {
            now = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
                    .nodes().get(interval.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            now = false;
        }
        if (now != reachable) {
            LOG.info("Kafka is {}", now ? "reachable" : "NOT reachable");
        }
        reachable = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
