package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.eval.PoseSet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small learned judge of whether a pose matches a caption: a pose encoder (an MLP over the normalised keypoints)
 * and a linear projection of the caption vector into one space, where the cosine similarity is the score.
 *
 * <p>Pose features are, per keypoint, {@code ((x - 32) / 32, (y - 32) / 32, present)}; an absent keypoint is
 * {@code (0, 0, 0)}, the frame centre, as in the pose distance. The encoder is {@code Linear(51 -> hidden)}, ReLU,
 * {@code Linear(hidden -> dimension)}; the text side is {@code Linear(embedding -> dimension)}. Both outputs are
 * scaled to unit length. Inference is read-only and may run from several threads.
 */
public final class TextPoseRetrievalModel {

    /** Features per pose: x, y and presence of each keypoint. */
    public static final int POSE_FEATURES = 3 * CocoKeypoints.COUNT;

    private static final int FORMAT = 1;

    final DenseLayer poseHidden;
    final DenseLayer poseOutput;
    final DenseLayer textProjection;

    TextPoseRetrievalModel(DenseLayer poseHidden, DenseLayer poseOutput, DenseLayer textProjection) {
        if (poseOutput.outputs() != textProjection.outputs()) {
            throw new IllegalArgumentException("pose and text sides differ in width: " + poseOutput.outputs()
                    + " vs " + textProjection.outputs());
        }
        this.poseHidden = poseHidden;
        this.poseOutput = poseOutput;
        this.textProjection = textProjection;
    }

    /** Width of the joint space. */
    public int dimension() {
        return poseOutput.outputs();
    }

    /** Unit-length embeddings of every pose, flat {@code [poses][dimension]}. */
    public float[] embedPoses(PoseSet poses) {
        return unit(poseForward(features(poses), poses.size()), poses.size());
    }

    /** Unit-length embeddings of caption vectors, flat {@code [captions][dimension]}. */
    public float[] embedCaptions(float[][] captionEmbeddings) {
        int n = captionEmbeddings.length;
        int width = n == 0 ? 0 : captionEmbeddings[0].length;
        float[] flat = new float[n * width];
        for (int c = 0; c < n; c++) {
            System.arraycopy(captionEmbeddings[c], 0, flat, c * width, width);
        }
        return unit(textProjection.forward(flat, n), n);
    }

    /** The pose side before normalisation. */
    float[] poseForward(float[] features, int batch) {
        return poseOutput.forward(relu(poseHidden.forward(features, batch)), batch);
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

    static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
        return y;
    }

    private float[] unit(float[] v, int rows) {
        return InfoNceLoss.scaled(v, InfoNceLoss.norms(v, rows, dimension()), rows, dimension());
    }

    /** Writes the weights (not the optimiser state) to {@code file}. */
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(FORMAT);
            poseHidden.write(out);
            poseOutput.write(out);
            textProjection.write(out);
        }
    }

    /** Reads weights written by {@link #write}. */
    public static TextPoseRetrievalModel read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(file + ": retrieval model format " + format + ", expected " + FORMAT);
            }
            return new TextPoseRetrievalModel(DenseLayer.read(in), DenseLayer.read(in), DenseLayer.read(in));
        }
    }
}
