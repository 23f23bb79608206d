package dev.text2pose.serving.http;

/**
 * The paths the service's HTTP server answers, in one place, so that probes, scrape configs and the deployment
 * manifests' test read the same strings the routes are registered with.
 */
public final class HttpPaths {

    /** 200 while the process runs: the liveness probe. */
    public static final String LIVE = "/health/live";
    /** 200 only while the service can take work: the readiness probe. */
    public static final String READY = "/health/ready";
    /** Prometheus metrics. */
    public static final String METRICS = "/metrics";
    /** The web viewer's page. */
    public static final String VIEWER = "/";

    private HttpPaths() {
    }
}
