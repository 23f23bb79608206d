package dev.text2pose.trainer.eval.retrieval;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter) for one parameter array, in plain Java.
 *
 * <p>The retrieval model is small enough (tens of thousands of weights) that libtorch's start-up and per-op
 * overhead would cost more than the arithmetic; plain loops keep training to seconds, bit-for-bit reproducible, with
 * no native memory to manage.
 */
final class AdamW {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float[] first;
    private final float[] second;

    /** @param size length of the parameter array this instance updates */
    AdamW(int size) {
        first = new float[size];
        second = new float[size];
    }

    /**
     * One update of {@code parameters} from {@code gradients} at step {@code step} (1-based, for bias correction).
     *
     * @param weightDecay decoupled decay per unit learning rate; 0 for biases
     */
    void step(float[] parameters, float[] gradients, int step, float learningRate, float weightDecay) {
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        for (int i = 0; i < parameters.length; i++) {
            float g = gradients[i];
            first[i] = BETA1 * first[i] + (1 - BETA1) * g;
            second[i] = BETA2 * second[i] + (1 - BETA2) * g * g;
            float update = (first[i] / correction1) / ((float) Math.sqrt(second[i] / correction2) + EPSILON);
            parameters[i] -= learningRate * (update + weightDecay * parameters[i]);
        }
    }
}
