package dev.text2pose.model;

/**
 * A model bundle does not meet the contract of {@link GeneratorGraph} and {@link BundleMetadata}.
 *
 * <p>It extends {@link IllegalArgumentException} because the bundle is an argument the caller chose: the fix is a
 * different file, not a retry. The message names the bundle and the first thing that is wrong.
 */
public class BundleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with the model's name */
    public BundleException(String message) {
        super(message);
    }

    /**
     * @param message what was being done, starting with the model's name
     * @param cause   the underlying failure
     */
    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
