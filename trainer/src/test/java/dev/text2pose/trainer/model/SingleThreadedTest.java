package dev.text2pose.trainer.model;

import org.bytedeco.openblas.presets.openblas_nolapack;
import org.junit.jupiter.api.Test;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SingleThreadedTest {

    @Test
    void holdsTorchAndBlasToOneThreadAndRestoresBoth() {
        int torchBefore = get_num_threads();
        int blasBefore = openblas_nolapack.blas_get_num_threads();
        set_num_threads(2);
        openblas_nolapack.blas_set_num_threads(2);
        try {
            try (SingleThreaded oneThread = new SingleThreaded()) {
                assertEquals(1, get_num_threads());
                assertEquals(1, openblas_nolapack.blas_get_num_threads());
            }
            assertEquals(2, get_num_threads());
            assertEquals(2, openblas_nolapack.blas_get_num_threads());
        } finally {
            set_num_threads(torchBefore);
            openblas_nolapack.blas_set_num_threads(blasBefore);
        }
    }
}
