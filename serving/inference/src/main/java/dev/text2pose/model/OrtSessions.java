package dev.text2pose.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Opens ONNX Runtime sessions on the configured {@link ExecutionProvider}, so the text encoder and the generator of
 * one process always run on the same device.
 *
 * <p>With {@link ExecutionProvider#AUTO} the first session tries CUDA on device 0. On a machine without the CUDA
 * libraries it is {@code SessionOptions.addCUDA} that throws; on one with the libraries but no usable GPU it is the
 * session creation. Either way the options that were touched are discarded and the session is built again with
 * fresh CPU options; a model that is simply broken then fails on the CPU too, with the CPU's error. The outcome is
 * remembered, so later sessions neither retry CUDA nor log the failure again, and the chosen provider is logged
 * once per factory.
 *
 * <p>Thread-safe: opening is synchronised because it is rare and resolves shared state; the sessions it returns
 * may be run concurrently.
 */
public final class OrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);
    private static final int CUDA_DEVICE = 0;

    private final ExecutionProvider requested;
    private final int intraOpThreads;
    private ExecutionProvider resolved;
    private boolean announced;

    /**
     * @param requested      where sessions should run
     * @param intraOpThreads threads ONNX Runtime may use inside one operator; 0 lets it choose (one per core),
     *                       which is wrong when several sessions or processes share a small machine
     */
    public OrtSessions(ExecutionProvider requested, int intraOpThreads) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = ONNX Runtime's default), got " + intraOpThreads);
        }
        this.requested = requested;
        this.intraOpThreads = intraOpThreads;
    }

    /** CPU sessions with ONNX Runtime's default threading: what tests and the trainer's evaluation use. */
    public static OrtSessions cpu() {
        return new OrtSessions(ExecutionProvider.CPU, 0);
    }

    /** The provider that was asked for; see {@link ProviderSession#provider()} for the one a session got. */
    public ExecutionProvider requested() {
        return requested;
    }

    /** Opens the ONNX model in a file. */
    public ProviderSession open(Path model) {
        String file = model.toAbsolutePath().toString();
        return open(model.toString(), (env, options) -> env.createSession(file, options));
    }

    /**
     * Opens an ONNX model held in memory, such as one read from the classpath.
     *
     * @param name what to call the model in log lines and errors
     */
    public ProviderSession open(byte[] model, String name) {
        return open(name, (env, options) -> env.createSession(model, options));
    }

    private synchronized ProviderSession open(String name, ModelSource source) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        ExecutionProvider provider = resolved != null ? resolved : requested;
        if (provider != ExecutionProvider.CPU) {
            try {
                return announce(new ProviderSession(openOn(true, source, env), ExecutionProvider.CUDA));
            } catch (OrtException e) {
                if (requested == ExecutionProvider.CUDA) {
                    throw new InferenceException("CUDA was requested for " + name + " but a CUDA session could not be "
                            + "created (CUDA 12 and cuDNN 9 libraries on the library path? a visible GPU?): "
                            + e.getMessage(), e);
                }
                LOG.warn("CUDA unavailable for {} ({}); running on CPU", name, e.getMessage());
                resolved = ExecutionProvider.CPU;
            }
        }
        try {
            return announce(new ProviderSession(openOn(false, source, env), ExecutionProvider.CPU));
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime could not open " + name + " on CPU: " + e.getMessage(), e);
        }
    }

    /** Opens with fresh options each time: options that a failed {@code addCUDA} touched are never reused. */
    private OrtSession openOn(boolean cuda, ModelSource source, OrtEnvironment env) throws OrtException {
        try (SessionOptions options = new SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (cuda) {
                options.addCUDA(CUDA_DEVICE);
            }
            return source.open(env, options);
        }
    }

    private ProviderSession announce(ProviderSession session) {
        if (!announced || resolved != session.provider()) {
            LOG.info("ONNX Runtime sessions run on {} (requested {}, intra-op threads {})", session.provider(),
                    requested, intraOpThreads == 0 ? "default" : Integer.toString(intraOpThreads));
            announced = true;
        }
        resolved = session.provider();
        return session;
    }

    /** Where a model's bytes come from; lets a file and an in-memory model share the provider logic. */
    @FunctionalInterface
    private interface ModelSource {
        OrtSession open(OrtEnvironment env, SessionOptions options) throws OrtException;
    }
}
