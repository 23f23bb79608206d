package dev.text2pose.trainer.model;

import org.bytedeco.openblas.presets.openblas_nolapack;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Holds libtorch to one thread for a block of work, in try-with-resources, and restores the previous settings when
 * it closes: libtorch's intra-op threads and, separately, OpenBLAS's own pool, which libtorch calls for matrix
 * products and which {@code set_num_threads} does not reach.
 *
 * <p>Why both: one thread makes every reduction sum in one order, so a rerun gives the same numbers. And for small
 * matrices OpenBLAS's idle workers busy-wait; on this shared 2-core machine (load 10-15) that cost the retrieval
 * judge's training step about 10x its CPU time (forward 9.7 ms against 0.9 ms of thread CPU time for batch 64),
 * measured by a micro-benchmark of one judge step with and without {@code OPENBLAS_NUM_THREADS=1}.
 */
public final class SingleThreaded implements AutoCloseable {

    private final int torchThreads;
    private final int blasThreads;

    /** Switches both pools to one thread until {@link #close}. */
    public SingleThreaded() {
        this.torchThreads = get_num_threads();
        this.blasThreads = openblas_nolapack.blas_get_num_threads();
        set_num_threads(1);
        openblas_nolapack.blas_set_num_threads(1);
    }

    @Override
    public void close() {
        openblas_nolapack.blas_set_num_threads(blasThreads);
        set_num_threads(torchThreads);
    }
}
