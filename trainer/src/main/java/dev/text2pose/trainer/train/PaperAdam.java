package dev.text2pose.trainer.train;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Module;

/**
 * Adam as the paper sets it, with the one JavaCPP trap handled in one place: {@link AdamOptions#betas()} points at
 * a C++ {@code std::tuple<double, double>}, whose elements lie in memory in reverse order, so index 1 is beta1 and
 * index 0 is beta2. {@code betas().put(0, b1).put(1, b2)} would silently train with beta1 = b2. A unit test reads
 * libtorch's defaults back through {@link #betas} to pin the layout.
 */
final class PaperAdam {

    private PaperAdam() {
    }

    /** Adam over all of {@code network}'s parameters, with no weight decay and libtorch's eps (1e-8). */
    static Adam create(Module network, double lr, double beta1, double beta2) {
        AdamOptions options = new AdamOptions(lr);
        setBetas(options, beta1, beta2);
        return new Adam(network.parameters(), options);
    }

    /** Sets (beta1, beta2) on {@code options}, minding the reversed tuple layout. */
    static void setBetas(AdamOptions options, double beta1, double beta2) {
        options.betas().put(1, beta1).put(0, beta2);
    }

    /** {@code {beta1, beta2}} as {@code options} holds them. */
    static double[] betas(AdamOptions options) {
        return new double[] {options.betas().get(1), options.betas().get(0)};
    }
}
