package dev.text2pose.model;

/**
 * ONNX Runtime could not create or run a session.
 *
 * <p>Unchecked, because a caller can do nothing per call about a broken runtime except fail the work it holds;
 * it wraps the {@code OrtException} with what was being done, so the log says which model and which step.
 */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done, starting with the model's name
     * @param cause   the underlying failure
     */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what is wrong, starting with the model's name */
    public InferenceException(String message) {
        super(message);
    }
}
