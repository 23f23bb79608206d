package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * How a raw sentence vector is scaled before either network sees it.
 *
 * <p>The paper multiplies its fastText sentence vector by 30. A fastText sentence vector is the average of
 * unit-norm word vectors, so for a caption of ordinary length its norm is typically about 0.45-0.55, and x30 puts
 * the network input at a norm of roughly 13-16. Our encoder, all-MiniLM-L6-v2 with mean pooling, L2-normalises its
 * output, so a scale of {@value #DEFAULT_EMBEDDING_SCALE} gives a norm of 15, the middle of that range. This is an
 * estimate (no fastText model was at hand to measure), which is why the scale is a parameter recorded in every
 * bundle's metadata rather than a hidden constant.
 *
 * <p>The modules never scale: training calls {@link #apply(Tensor, float)} and the ONNX export puts the same
 * multiplication first in the graph, so serving feeds the encoder's raw unit-norm output.
 */
public final class TextScaling {

    /** The default scale for unit-norm MiniLM vectors; see the class comment for the reasoning. */
    public static final float DEFAULT_EMBEDDING_SCALE = 15.0f;

    private TextScaling() {
    }

    /**
     * The scaled text vector the networks take.
     *
     * @param rawEmbedding [N, textDim] raw encoder output
     * @param scale        the bundle's embedding scale
     * @return a new tensor, {@code rawEmbedding * scale}
     */
    public static Tensor apply(Tensor rawEmbedding, float scale) {
        return rawEmbedding.mul(new Scalar(scale));
    }
}
