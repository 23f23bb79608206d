package dev.text2pose.serving.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The readiness rule: ready only while every named check holds (the model is loaded, Kafka answers, the pipeline
 * polls). Each check must be cheap and non-blocking, since probes call it on the event loop. Logs which checks fail
 * whenever the answer changes.
 */
public final class Readiness implements BooleanSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final Map<String, BooleanSupplier> checks;
    private volatile boolean last;

    /** @param checks name to check, in the order they are reported */
    public Readiness(Map<String, BooleanSupplier> checks) {
        this.checks = new LinkedHashMap<>(checks);
    }

    @Override
    public boolean getAsBoolean() {
        Map<String, Boolean> state = state();
        boolean ready = !state.containsValue(false);
        if (ready != last) {
            LOG.info("Readiness changed to {}: {}", ready ? "READY" : "NOT READY", state);
            last = ready;
        }
        return ready;
    }

    /** Each check's current outcome. */
    public Map<String, Boolean> state() {
        Map<String, Boolean> state = new LinkedHashMap<>();
        checks.forEach((name, check) -> state.put(name, check.getAsBoolean()));
        return state;
    }
}
