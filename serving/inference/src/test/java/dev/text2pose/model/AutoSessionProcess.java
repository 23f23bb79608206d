package dev.text2pose.model;

import java.io.IOException;

/**
 * A process that opens one AUTO session, says which provider it got, and waits until it is killed: what
 * {@link OrtSessionsTest} inspects from outside, as an operator would find a crashed service's machine.
 */
public final class AutoSessionProcess {

    private AutoSessionProcess() {
    }

    /** Opens the session, prints {@code provider <name>}, then blocks on standard input. */
    public static void main(String[] args) throws IOException {
        try (ProviderSession session = new OrtSessions(ExecutionProvider.AUTO, 1).open(TinyBundle.bytes(), "tiny")) {
            System.out.println("provider " + session.provider());
            System.out.flush();
            System.in.read();
        }
    }
}
