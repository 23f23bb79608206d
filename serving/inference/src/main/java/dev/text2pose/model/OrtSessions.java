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
 * <p>CUDA is asked for only where {@link CudaProbe} finds a GPU and the CUDA libraries: asking ONNX Runtime is what
 * costs a CPU machine seconds, a 369 MB unpacked library and a native error. Where the probe says no, AUTO runs on
 * the CPU without trying and a forced CUDA fails at once with the probe's reason; the process then also deletes the
 * folder ONNX Runtime unpacked its libraries into ({@link OrtUnpackFolder}). Where the probe says yes, AUTO tries
 * CUDA on device 0: {@code SessionOptions.addCUDA} throws if the provider cannot load, session creation if the GPU is
 * unusable. Either way the options that were touched are discarded and the session is built again with fresh CPU
 * options; a model that is simply broken then fails on the CPU too, with the CPU's error. The outcome is remembered,
 * so later sessions neither retry CUDA nor log the failure again, and one line per factory says which provider runs
 * and why.
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

    /**
     * Fails at once when CUDA was requested and cannot work on this machine, so that a command can refuse before it
     * starts anything else (a broker, a consumer). AUTO and CPU always pass; so does CUDA where the probe says yes.
     *
     * @throws InferenceException naming why CUDA cannot work and what to request instead
     */
    public void requireRequestedProvider() {
        CudaProbe.Verdict cuda = CudaProbe.here();
        if (requested == ExecutionProvider.CUDA && !cuda.worthTrying()) {
            throw cudaRefused("the service", cuda);
        }
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
        CudaProbe.Verdict cuda = CudaProbe.here();
        if (!cuda.worthTrying()) {
            OrtUnpackFolder.delete(); // no session of this process will ask for a provider to be unpacked there
        }
        ExecutionProvider provider = resolved != null ? resolved : requested;
        if (provider == ExecutionProvider.CPU) {
            return announce(openOnCpu(name, source, env), null);
        }
        if (!cuda.worthTrying()) {
            if (requested == ExecutionProvider.CUDA) {
                throw cudaRefused(name, cuda);
            }
            return announce(openOnCpu(name, source, env), cuda.reason());
        }
        return openOnCudaOrFallBack(name, source, env, cuda);
    }

    private ProviderSession openOnCudaOrFallBack(String name, ModelSource source, OrtEnvironment env,
                                                 CudaProbe.Verdict cuda) {
        try {
            return announce(new ProviderSession(openOn(true, source, env), ExecutionProvider.CUDA), cuda.reason());
        } catch (OrtException e) {
            if (requested == ExecutionProvider.CUDA) {
                throw new InferenceException("CUDA was requested for " + name + " but a CUDA session could not be "
                        + "created (CUDA 12 and cuDNN 9 libraries on the library path? a visible GPU?): "
                        + e.getMessage(), e);
            }
            LOG.warn("CUDA unavailable for {} ({}); running on CPU", name, e.getMessage());
            return announce(openOnCpu(name, source, env), "CUDA failed for " + name);
        }
    }

    private ProviderSession openOnCpu(String name, ModelSource source, OrtEnvironment env) {
        try {
            return new ProviderSession(openOn(false, source, env), ExecutionProvider.CPU);
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
            // Pool threads that spin between operators keep a core busy while the model waits for work, taking it
            // from Kafka's threads and the broker on a small shared machine; they sleep instead.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (cuda) {
                options.addCUDA(CUDA_DEVICE);
            }
            return source.open(env, options);
        }
    }

    private static InferenceException cudaRefused(String name, CudaProbe.Verdict cuda) {
        return new InferenceException("CUDA was requested for " + name + " but cannot work here: " + cuda.reason()
                + "; request AUTO or CPU to run on the CPU");
    }

    /** Remembers the first session's provider and says once which provider runs and why. */
    private ProviderSession announce(ProviderSession session, String why) {
        if (resolved != session.provider()) {
            LOG.info("ONNX Runtime sessions run on {} (requested {}{}; intra-op threads {})", session.provider(),
                    requested, why == null ? "" : ": " + why,
                    intraOpThreads == 0 ? "default" : Integer.toString(intraOpThreads));
            resolved = session.provider();
        }
        return session;
    }

    /** Where a model's bytes come from; lets a file and an in-memory model share the provider logic. */
    @FunctionalInterface
    private interface ModelSource {
        OrtSession open(OrtEnvironment env, SessionOptions options) throws OrtException;
    }
}
