package dev.text2pose.trainer.eval.retrieval;

/**
 * The symmetric InfoNCE loss of CLIP over a batch of matching (pose, caption) pairs, with its gradient.
 *
 * <p>Both embeddings are scaled to unit length, {@code S[i][j] = pose_i . text_j / temperature}, and the loss is
 * the mean of the cross-entropy of picking caption {@code i} for pose {@code i} among the batch's captions (rows of
 * S) and of picking pose {@code j} for caption {@code j} among its poses (columns). The other pairs of the batch are
 * the negatives, so a batch must not hold two captions of one image. The gradient goes through the normalisation,
 * back to the raw embeddings the layers produced.
 */
final class InfoNceLoss {

    private static final float NORM_EPSILON = 1e-12f;

    private InfoNceLoss() {
    }

    /**
     * The loss of one batch; writes the gradients of the raw embeddings into {@code poseGradient} and
     * {@code textGradient} (same shape as the inputs, {@code [batch][dimension]}, overwritten).
     */
    static float lossAndGradients(float[] pose, float[] text, int batch, int dimension, float temperature,
                                  float[] poseGradient, float[] textGradient) {
        float[] poseNorm = norms(pose, batch, dimension);
        float[] textNorm = norms(text, batch, dimension);
        float[] poseUnit = scaled(pose, poseNorm, batch, dimension);
        float[] textUnit = scaled(text, textNorm, batch, dimension);
        float[] logits = new float[batch * batch];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < batch; j++) {
                logits[i * batch + j] = dot(poseUnit, i, textUnit, j, dimension) / temperature;
            }
        }
        float[] rows = softmax(logits, batch, 1, batch);
        float[] columns = softmax(logits, batch, batch, 1);
        double loss = 0;
        float[] logitGradient = new float[batch * batch];
        for (int i = 0; i < batch; i++) {
            loss -= 0.5 * (Math.log(rows[i * batch + i]) + Math.log(columns[i * batch + i])) / batch;
            for (int j = 0; j < batch; j++) {
                float target = i == j ? 1f : 0f;
                logitGradient[i * batch + j] = 0.5f * (rows[i * batch + j] - target + columns[i * batch + j] - target)
                        / batch / temperature;
            }
        }
        float[] poseUnitGradient = new float[batch * dimension];
        float[] textUnitGradient = new float[batch * dimension];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < batch; j++) {
                float g = logitGradient[i * batch + j];
                for (int d = 0; d < dimension; d++) {
                    poseUnitGradient[i * dimension + d] += g * textUnit[j * dimension + d];
                    textUnitGradient[j * dimension + d] += g * poseUnit[i * dimension + d];
                }
            }
        }
        throughNormalisation(poseUnit, poseNorm, poseUnitGradient, batch, dimension, poseGradient);
        throughNormalisation(textUnit, textNorm, textUnitGradient, batch, dimension, textGradient);
        return (float) loss;
    }

    /** The gradient of {@code v / |v|}: {@code (g - u (u . g)) / |v|}, with {@code u} the unit vector. */
    private static void throughNormalisation(float[] unit, float[] norm, float[] unitGradient, int batch,
                                             int dimension, float[] out) {
        for (int b = 0; b < batch; b++) {
            float along = dot(unit, b, unitGradient, b, dimension);
            for (int d = 0; d < dimension; d++) {
                int at = b * dimension + d;
                out[at] = (unitGradient[at] - unit[at] * along) / norm[b];
            }
        }
    }

    /** Softmax within each of {@code n} groups of {@code n}: entry k of group g is at g*groupStride + k*stride. */
    private static float[] softmax(float[] logits, int n, int groupStride, int stride) {
        float[] out = new float[logits.length];
        for (int g = 0; g < n; g++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, logits[g * groupStride + k * stride]);
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                int at = g * groupStride + k * stride;
                out[at] = (float) Math.exp(logits[at] - max);
                sum += out[at];
            }
            for (int k = 0; k < n; k++) {
                out[g * groupStride + k * stride] /= (float) sum;
            }
        }
        return out;
    }

    static float[] norms(float[] v, int batch, int dimension) {
        float[] norms = new float[batch];
        for (int b = 0; b < batch; b++) {
            norms[b] = (float) Math.sqrt(dot(v, b, v, b, dimension)) + NORM_EPSILON;
        }
        return norms;
    }

    static float[] scaled(float[] v, float[] norms, int batch, int dimension) {
        float[] out = new float[v.length];
        for (int b = 0; b < batch; b++) {
            for (int d = 0; d < dimension; d++) {
                out[b * dimension + d] = v[b * dimension + d] / norms[b];
            }
        }
        return out;
    }

    private static float dot(float[] a, int i, float[] b, int j, int dimension) {
        float sum = 0f;
        for (int d = 0; d < dimension; d++) {
            sum += a[i * dimension + d] * b[j * dimension + d];
        }
        return sum;
    }
}
