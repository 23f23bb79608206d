package dev.text2pose.text;

import java.nio.FloatBuffer;

/**
 * Sentence-transformers' pooling for MiniLM: the mean of the token vectors over the attention mask, then L2
 * normalisation.
 *
 * <p>Kept apart from the encoder so that the arithmetic that makes our vectors equal the reference ones can be
 * tested without a model. The epsilons are sentence-transformers' own (a token count clamped at 1e-9 and
 * PyTorch's {@code normalize} clamping the norm at 1e-12), so a degenerate input gives the same answer here.
 */
final class MeanPooling {

    private static final float MIN_TOKEN_COUNT = 1e-9f;
    private static final double MIN_NORM = 1e-12;

    private MeanPooling() {
    }

    /**
     * Pools a batch of token vectors.
     *
     * @param hidden    the model's last hidden state, row-major [batch][tokens][dim]
     * @param mask      the attention mask, row-major [batch][tokens], 1 for real tokens and 0 for padding
     * @param batch     number of sentences
     * @param tokens    padded sequence length
     * @param dimension length of one token vector
     * @return one unit-length vector per sentence
     */
    static float[][] pool(FloatBuffer hidden, long[] mask, int batch, int tokens, int dimension) {
        float[][] pooled = new float[batch][dimension];
        for (int b = 0; b < batch; b++) {
            float count = 0;
            for (int t = 0; t < tokens; t++) {
                long m = mask[b * tokens + t];
                if (m == 0) {
                    continue;
                }
                count += m;
                int offset = (b * tokens + t) * dimension;
                for (int d = 0; d < dimension; d++) {
                    pooled[b][d] += hidden.get(offset + d) * m;
                }
            }
            float divisor = Math.max(count, MIN_TOKEN_COUNT);
            for (int d = 0; d < dimension; d++) {
                pooled[b][d] /= divisor;
            }
            normalise(pooled[b]);
        }
        return pooled;
    }

    /** Scales a vector to unit Euclidean length in place; a zero vector stays zero. */
    static void normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        double norm = Math.max(Math.sqrt(sum), MIN_NORM);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }
}
