package dev.text2pose.model;

import java.util.Locale;

/**
 * Where ONNX Runtime runs a model.
 *
 * <p>{@link #AUTO} exists because the same jar and the same config run on a laptop, in CI and on a GPU node: the
 * {@code onnxruntime_gpu} build runs fine on CPU, but only a machine with a GPU and the CUDA libraries can take the
 * CUDA provider. A cheap probe rules CUDA out where there is no GPU or no library for it; elsewhere only trying
 * tells. The forced values exist so that a GPU node that silently lost its CUDA libraries fails at start
 * ({@link #CUDA}) and so that tests never touch the CUDA libraries ({@link #CPU}).
 */
public enum ExecutionProvider {

    /** CUDA on device 0 where the machine has a GPU and the CUDA libraries and a session opens; else the CPU. */
    AUTO,
    /** CUDA on device 0, or fail: for nodes that must not quietly run 50 times slower. */
    CUDA,
    /** The CPU only; CUDA is never tried, so none of its libraries are loaded. */
    CPU;

    /**
     * Reads a provider name as written in config: {@code auto}, {@code cuda} or {@code cpu}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ExecutionProvider parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("execution provider must be auto, cuda or cpu, got '" + text + "'", e);
        }
    }
}
