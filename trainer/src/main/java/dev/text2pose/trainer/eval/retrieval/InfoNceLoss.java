package dev.text2pose.trainer.eval.retrieval;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The symmetric InfoNCE loss of CLIP over a batch of matching (pose, caption) pairs, as a libtorch expression that
 * autograd differentiates.
 *
 * <p>With unit-length embeddings, {@code S[i][j] = pose_i . text_j / temperature}, and the loss is the mean of the
 * cross-entropy of picking caption {@code i} for pose {@code i} among the batch's captions (rows of S) and of picking
 * pose {@code j} for caption {@code j} among its poses (columns). The other pairs of the batch are the negatives, so
 * a batch must not hold two captions of one image.
 */
final class InfoNceLoss {

    private InfoNceLoss() {
    }

    /**
     * @param poseUnit    {@code [batch, dimension]} unit-length pose embeddings
     * @param textUnit    {@code [batch, dimension]} unit-length caption embeddings, row i matching pose i
     * @param temperature the softmax temperature
     * @return the scalar loss
     */
    static Tensor loss(Tensor poseUnit, Tensor textUnit, double temperature) {
        Tensor logits = poseUnit.matmul(textUnit.t()).div(new Scalar(temperature));
        Tensor captionForPose = logits.log_softmax(1).diagonal().mean();
        Tensor poseForCaption = logits.log_softmax(0).diagonal().mean();
        return captionForPose.add(poseForCaption).mul(new Scalar(-0.5));
    }
}
