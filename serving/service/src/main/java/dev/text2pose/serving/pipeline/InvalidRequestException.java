package dev.text2pose.serving.pipeline;

/** A caption event that decoded but breaks a documented limit; the message says which, for the dead letter. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
