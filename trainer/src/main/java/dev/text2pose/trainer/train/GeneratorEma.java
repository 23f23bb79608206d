package dev.text2pose.trainer.train;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.TensorVector;

/**
 * An exponential moving average of the generator's weights, {@code ema = decay*ema + (1-decay)*g} after every
 * generator update, for sample grids and export. GAN weights oscillate around a good point; their average is
 * usually a better generator than the last iterate and costs one pass over 2 M numbers per update. BatchNorm
 * running statistics are buffers, not learned, so they are copied as they are. The copy is never trained and stays
 * in eval mode.
 */
final class GeneratorEma {

    private final Module average;
    private final double decay;
    private final TensorVector sourceParameters;
    private final TensorVector averageParameters;
    private final TensorVector sourceBuffers;
    private final TensorVector averageBuffers;

    /** Starts the average at {@code source}'s current weights; {@code blank} is a generator of the same shape. */
    @SuppressWarnings("try")
    GeneratorEma(Module source, Module blank, double decay) {
        this.average = blank;
        this.decay = decay;
        this.sourceParameters = source.parameters();
        this.averageParameters = blank.parameters();
        this.sourceBuffers = source.buffers();
        this.averageBuffers = blank.buffers();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            copy(sourceParameters, averageParameters);
        }
        copyBuffers();
        blank.eval();
    }

    /** The averaged generator. */
    Module module() {
        return average;
    }

    /** One averaging step after a generator update. */
    @SuppressWarnings("try")
    void update() {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (long i = 0; i < averageParameters.size(); i++) {
                averageParameters.get(i).lerp_(sourceParameters.get(i), new org.bytedeco.pytorch.Scalar(1 - decay));
            }
        }
        copyBuffers();
    }

    @SuppressWarnings("try")
    private void copyBuffers() {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            copy(sourceBuffers, averageBuffers);
        }
    }

    private static void copy(TensorVector from, TensorVector to) {
        for (long i = 0; i < to.size(); i++) {
            to.get(i).copy_(from.get(i));
        }
    }
}
