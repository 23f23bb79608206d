package dev.text2pose.serving.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Loopback ports nobody listens on right now, for a broker or server about to be started. */
public final class FreePorts {

    private static final int PAIR_ATTEMPTS = 50;

    private FreePorts() {
    }

    /** A free port. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** A free port whose successor is free too: an {@link EmbeddedBroker}'s client and controller ports. */
    public static int pair() {
        for (int attempt = 0; attempt < PAIR_ATTEMPTS; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                try (ServerSocket second = new ServerSocket(first.getLocalPort() + 1)) {
                    return first.getLocalPort();
                } catch (IOException taken) {
                    // the successor is in use: try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no two adjacent free ports found in " + PAIR_ATTEMPTS + " attempts");
    }
}
