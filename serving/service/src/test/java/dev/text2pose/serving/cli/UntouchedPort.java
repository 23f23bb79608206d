package dev.text2pose.serving.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A loopback port that accepts connections but never answers, and tells whether anyone connected: given to a
 * command as its Kafka address, it proves the command did not touch Kafka. The kernel completes a connection into
 * the backlog by itself, so a client that tried before the command returned is found there.
 */
final class UntouchedPort implements AutoCloseable {

    private final ServerSocket socket;

    UntouchedPort() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** Whether a connection was made to the port. */
    boolean touched() {
        try {
            socket.setSoTimeout(1);
            try (Socket client = socket.accept()) {
                return client != null;
            }
        } catch (SocketTimeoutException nobody) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
