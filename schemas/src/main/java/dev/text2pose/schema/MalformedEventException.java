package dev.text2pose.schema;

/**
 * Bytes that cannot be decoded as the expected event. Poison, not a transient failure: retrying cannot help, so the
 * record belongs on the dead-letter topic with this exception's message as the reason.
 */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
