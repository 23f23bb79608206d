package dev.text2pose.trainer.train;

import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.FramePose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a run trains on, in memory: the poses and, for stage 2, each pose's captions with their raw (unit-norm)
 * sentence vectors. Built once by the command line from the data package (or by a test from hand-made poses), so
 * the loop never reads files or runs the text encoder.
 *
 * @param name       what it is, for logs and provenance (e.g. "stage 2 train split")
 * @param poses      one per sample
 * @param captions   per sample its caption texts; empty when unconditional
 * @param embeddings per sample one raw vector per caption, in caption order; empty when unconditional
 * @param encoder    the encoder that made the embeddings, recorded in checkpoints and bundles; {@code null} when
 *                   unconditional
 * @param hash       the dataset hash recorded in checkpoints and bundles
 */
public record TrainingData(String name, List<FramePose> poses, List<List<String>> captions,
                           List<float[][]> embeddings, EncoderFingerprint encoder, String hash) {

    public TrainingData {
        Objects.requireNonNull(hash, "hash");
        if ((encoder == null) != embeddings.isEmpty()) {
            throw new IllegalArgumentException("caption vectors need the fingerprint of the encoder that made them, "
                    + "and only they have one");
        }
        poses = List.copyOf(poses);
        captions = List.copyOf(captions);
        embeddings = List.copyOf(embeddings);
        if (poses.size() < 2) {
            throw new IllegalArgumentException("need at least 2 samples to train on, got " + poses.size());
        }
        if (!embeddings.isEmpty() && (embeddings.size() != poses.size() || captions.size() != poses.size())) {
            throw new IllegalArgumentException("captions and embeddings need one entry per pose");
        }
        int dim = embeddings.isEmpty() ? 0 : embeddings.get(0)[0].length;
        for (int i = 0; i < embeddings.size(); i++) {
            float[][] vectors = embeddings.get(i);
            if (vectors.length == 0 || vectors.length != captions.get(i).size()) {
                throw new IllegalArgumentException("sample " + i + " needs one vector per caption, at least one");
            }
            for (float[] v : vectors) {
                if (v.length != dim) {
                    throw new IllegalArgumentException("sample " + i + " has a vector of " + v.length + ", not " + dim);
                }
            }
        }
    }

    /** Stage-1 data: poses alone. */
    public static TrainingData unconditional(String name, List<FramePose> poses, String hash) {
        return new TrainingData(name, poses, List.of(), List.of(), null, hash);
    }

    /**
     * Stage-2 data from captioned samples and their vectors.
     *
     * @param samples    the training files' samples
     * @param embeddings per sample, one raw vector per caption
     * @param encoder    the encoder that made {@code embeddings}
     * @param heldOut    every image id the evaluation files list; a sample with one of them is refused, so no
     *                   validation or test caption can ever be trained on, whatever files a user points at
     */
    public static TrainingData conditional(String name, List<CaptionedPose> samples, List<float[][]> embeddings,
                                           EncoderFingerprint encoder, String hash, Set<Long> heldOut) {
        List<FramePose> poses = new ArrayList<>(samples.size());
        List<List<String>> captions = new ArrayList<>(samples.size());
        for (CaptionedPose sample : samples) {
            if (heldOut.contains(sample.imageId())) {
                throw new IllegalArgumentException("image " + sample.imageId() + " is listed by the evaluation "
                        + "files; held-out images are never trained on");
            }
            poses.add(sample.pose());
            captions.add(sample.captions());
        }
        return new TrainingData(name, poses, captions, embeddings, encoder, hash);
    }

    /** Number of samples (persons in stage 1, images in stage 2). */
    public int size() {
        return poses.size();
    }

    /** Whether captions come with the poses. */
    public boolean conditional() {
        return !embeddings.isEmpty();
    }

    /** Length of the sentence vectors; 0 when unconditional. */
    public int textDim() {
        return conditional() ? embeddings.get(0)[0].length : 0;
    }
}
