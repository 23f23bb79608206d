package dev.text2pose.serving.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a person watching {@code subscribe} whether it is reading: one line on standard error when it is connected
 * and reading, one when Kafka stops answering, one when it is back, and one while the topic does not exist. A silent
 * subscriber otherwise looks the same whether no poses come or no broker is there.
 */
final class ReadingStatus {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private enum State { STARTING, WAITING, NO_TOPIC, READING, LOST }

    private final PrintWriter err;
    private final String where;
    private final String topic;
    private final String from;
    private State state = State.STARTING;
    private long nextCheck = System.nanoTime();

    /**
     * @param where the cluster's address
     * @param from  where reading starts, e.g. {@code (new poses only)}
     */
    ReadingStatus(PrintWriter err, String where, String topic, String from) {
        this.err = err;
        this.where = where;
        this.topic = topic;
        this.from = from;
    }

    /** Asks the cluster when a check is due, or at once when the reader has just got partitions; prints a change. */
    void update(PoseReader reader) {
        long now = System.nanoTime();
        if (now < nextCheck && (state == State.READING || !reader.assigned())) {
            return;
        }
        nextCheck = now + INTERVAL.toNanos();
        State next = next(reader.topics(TIMEOUT), reader.assigned());
        if (next != state) {
            err.println("[subscribe] " + message(next));
            err.flush();
            state = next;
        }
    }

    private State next(Optional<Set<String>> topics, boolean assigned) {
        if (topics.isEmpty()) {
            return state == State.STARTING || state == State.WAITING ? State.WAITING : State.LOST;
        }
        if (!topics.get().contains(topic)) {
            return State.NO_TOPIC;
        }
        // Joining the group takes a moment after the topic exists: no line until partitions are assigned.
        return assigned ? State.READING : state;
    }

    private String message(State next) {
        return switch (next) {
            case READING -> "connected to Kafka at " + where + ", reading " + topic + " " + from;
            case NO_TOPIC -> "connected to Kafka at " + where + "; topic " + topic + " does not exist yet, waiting "
                    + "for it (the service creates it when it starts)";
            case LOST -> "Kafka at " + where + " stopped answering; retrying until it is back (Ctrl-C stops)";
            case WAITING -> "no answer from Kafka at " + where + " yet; still trying (Ctrl-C stops)";
            case STARTING -> throw new IllegalStateException("never returns to " + next);
        };
    }
}
