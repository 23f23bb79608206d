package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.global.torch;

import static org.bytedeco.pytorch.global.torch.get_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.is_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_cache_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;

/**
 * libtorch's CPU autocast to bfloat16 for the extent of a try-with-resources block, as PyTorch's {@code
 * torch.autocast("cpu", dtype=torch.bfloat16)}: convolutions and matrix products run in bfloat16 (on AVX-512-BF16 /
 * AMX hardware, several times faster), while weights, optimiser state and the ops autocast keeps in float32
 * (reductions, norms, losses) stay float32. The weight cache is off, so a weight updated by Adam is never served
 * from a stale bfloat16 copy. Restores the previous state on close; not thread-safe (autocast state is
 * thread-local in libtorch, and so is this).
 */
public final class Bf16Autocast implements AutoCloseable {

    private final boolean wasEnabled;
    private final torch.ScalarType previousType;

    private Bf16Autocast() {
        wasEnabled = is_autocast_enabled(torch.DeviceType.CPU);
        previousType = get_autocast_dtype(torch.DeviceType.CPU);
        set_autocast_cache_enabled(false);
        set_autocast_dtype(torch.DeviceType.CPU, torch.ScalarType.BFloat16);
        set_autocast_enabled(torch.DeviceType.CPU, true);
    }

    /** Autocast on when {@code on}; otherwise a no-op scope, so a caller needs no branch. */
    public static Bf16Autocast enterIf(boolean on) {
        return on ? new Bf16Autocast() : null;
    }

    @Override
    public void close() {
        set_autocast_enabled(torch.DeviceType.CPU, wasEnabled);
        set_autocast_dtype(torch.DeviceType.CPU, previousType);
    }
}
