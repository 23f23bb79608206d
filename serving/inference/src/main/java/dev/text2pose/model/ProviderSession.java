package dev.text2pose.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * An ONNX Runtime session together with the provider it actually got.
 *
 * <p>The provider travels with the session because with {@link ExecutionProvider#AUTO} only the session knows
 * whether CUDA was taken; health checks, metrics and logs report this value, never the requested one.
 *
 * @param session  the open session; {@link OrtSession#run} may be called from several threads at once
 * @param provider {@link ExecutionProvider#CUDA} or {@link ExecutionProvider#CPU}, never {@code AUTO}
 */
public record ProviderSession(OrtSession session, ExecutionProvider provider) implements AutoCloseable {

    public ProviderSession {
        if (provider == ExecutionProvider.AUTO) {
            throw new IllegalArgumentException("a session runs on a resolved provider, not AUTO");
        }
    }

    /** Releases the session's native memory; the session must not be running. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new InferenceException("could not close ONNX Runtime session", e);
        }
    }
}
