package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.eval.PoseSet;
import dev.text2pose.trainer.model.PaperInit;
import dev.text2pose.trainer.model.WeightArchive;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.nio.file.Path;

import static org.bytedeco.pytorch.global.torch.relu;

/**
 * A small learned judge of whether a pose matches a caption: a pose encoder (an MLP over the normalised keypoints)
 * and a linear projection of the caption vector into one space, where the cosine similarity is the score. A libtorch
 * module, so that training differentiates it with autograd.
 *
 * <p>Pose features are, per keypoint, {@code ((x - 32) / 32, (y - 32) / 32, present)}; an absent keypoint is
 * {@code (0, 0, 0)}, the frame centre, as in the pose distance. The encoder is {@code Linear(51 -> hidden)}, ReLU,
 * {@code Linear(hidden -> dimension)}; the text side is {@code Linear(embedding -> dimension)}. Both outputs are
 * scaled to unit length. Weights start as {@link PaperInit#linear} draws them from one seed. Parameter names
 * ({@code poseHidden}, {@code poseOutput}, {@code textProjection}) are the file format of {@link #write}.
 */
public final class TextPoseRetrievalModel extends Module {

    /** Features per pose: x, y and presence of each keypoint. */
    public static final int POSE_FEATURES = 3 * CocoKeypoints.COUNT;

    /** Added to a norm before dividing, so an all-zero output cannot divide by zero. */
    private static final double NORM_EPSILON = 1e-12;

    private final int textWidth;
    private final int dimension;
    private final LinearImpl poseHidden;
    private final LinearImpl poseOutput;
    private final LinearImpl textProjection;

    /**
     * A fresh model.
     *
     * @param textWidth length of the caption vectors
     * @param hidden    width of the pose encoder's hidden layer
     * @param dimension width of the joint space
     * @param seed      the initialisation's seed
     */
    TextPoseRetrievalModel(int textWidth, int hidden, int dimension, long seed) {
        this.textWidth = textWidth;
        this.dimension = dimension;
        this.poseHidden = register_module("poseHidden", new LinearImpl(POSE_FEATURES, hidden));
        this.poseOutput = register_module("poseOutput", new LinearImpl(hidden, dimension));
        this.textProjection = register_module("textProjection", new LinearImpl(textWidth, dimension));
        try (PaperInit init = new PaperInit(seed)) {
            init.linear(poseHidden);
            init.linear(poseOutput);
            init.linear(textProjection);
        }
    }

    /** Width of the joint space. */
    public int dimension() {
        return dimension;
    }

    /** Unit-length embeddings of every pose, flat {@code [poses][dimension]}. */
    @SuppressWarnings("try") // the guard and the scope work by their extent
    public float[] embedPoses(PoseSet poses) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            return values(poseEmbedding(Tensor.create(features(poses), poses.size(), POSE_FEATURES)));
        }
    }

    /** Unit-length embeddings of caption vectors, flat {@code [captions][dimension]}. */
    @SuppressWarnings("try")
    public float[] embedCaptions(float[][] captionEmbeddings) {
        int n = captionEmbeddings.length;
        float[] flat = new float[n * textWidth];
        for (int c = 0; c < n; c++) {
            if (captionEmbeddings[c].length != textWidth) {
                throw new IllegalArgumentException("the judge reads " + textWidth + "-long caption vectors, caption "
                        + c + " is " + captionEmbeddings[c].length + " long");
            }
            System.arraycopy(captionEmbeddings[c], 0, flat, c * textWidth, textWidth);
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            return values(captionEmbedding(Tensor.create(flat, n, textWidth)));
        }
    }

    /** @param features {@code [n, POSE_FEATURES]}, see {@link #features}; returns {@code [n, dimension]}, unit rows */
    Tensor poseEmbedding(Tensor features) {
        return unit(poseOutput.forward(relu(poseHidden.forward(features))));
    }

    /** @param text {@code [n, textWidth]} caption vectors; returns {@code [n, dimension]}, unit rows */
    Tensor captionEmbedding(Tensor text) {
        return unit(textProjection.forward(text));
    }

    /** The layers' weight matrices, which AdamW decays. */
    TensorVector weights() {
        return new TensorVector(poseHidden.weight(), poseOutput.weight(), textProjection.weight());
    }

    /** The layers' biases, which AdamW leaves undecayed. */
    TensorVector biases() {
        return new TensorVector(poseHidden.bias(), poseOutput.bias(), textProjection.bias());
    }

    /** The features of every pose of {@code poses}, flat {@code [poses][POSE_FEATURES]}. */
    static float[] features(PoseSet poses) {
        float[] features = new float[poses.size() * POSE_FEATURES];
        for (int p = 0; p < poses.size(); p++) {
            for (int k = 0; k < CocoKeypoints.COUNT; k++) {
                int at = p * POSE_FEATURES + 3 * k;
                features[at] = (poses.x(p, k) - FramePose.CENTRE) / FramePose.CENTRE;
                features[at + 1] = (poses.y(p, k) - FramePose.CENTRE) / FramePose.CENTRE;
                features[at + 2] = poses.present(p, k) ? 1f : 0f;
            }
        }
        return features;
    }

    /** Each row divided by its Euclidean norm (plus a tiny epsilon). */
    private static Tensor unit(Tensor rows) {
        Tensor norms = rows.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, true);
        return rows.div(norms.add(new Scalar(NORM_EPSILON)));
    }

    private static float[] values(Tensor t) {
        float[] out = new float[(int) t.numel()];
        t.contiguous().data_ptr_float().get(out);
        return out;
    }

    /** Writes the weights (not the optimiser state) to {@code file}, in libtorch's archive format. */
    public void write(Path file) {
        WeightArchive.save(this, file);
    }

    /**
     * Reads weights written by {@link #write} into a model of the given shape.
     *
     * @throws RuntimeException when the file is missing, not an archive, or of another shape
     */
    public static TextPoseRetrievalModel read(Path file, int textWidth, RetrievalSettings settings) {
        TextPoseRetrievalModel model = new TextPoseRetrievalModel(textWidth, settings.hidden(), settings.dimension(),
                0);
        WeightArchive.load(model, file);
        // libtorch's load replaces each tensor with the stored one, shape included, without comparing shapes
        model.requireShape(file, "poseHidden", model.poseHidden, settings.hidden(), POSE_FEATURES);
        model.requireShape(file, "poseOutput", model.poseOutput, settings.dimension(), settings.hidden());
        model.requireShape(file, "textProjection", model.textProjection, settings.dimension(), textWidth);
        return model;
    }

    private void requireShape(Path file, String name, LinearImpl layer, long outputs, long inputs) {
        Tensor weight = layer.weight();
        Tensor bias = layer.bias();
        if (weight.dim() != 2 || weight.size(0) != outputs || weight.size(1) != inputs || bias.dim() != 1
                || bias.size(0) != outputs) {
            throw new IllegalArgumentException(file + ": layer " + name + " is " + weight.size(0) + " x "
                    + (weight.dim() == 2 ? weight.size(1) : -1) + ", expected " + outputs + " x " + inputs);
        }
    }
}
