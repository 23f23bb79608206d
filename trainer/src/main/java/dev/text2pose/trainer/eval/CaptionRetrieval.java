package dev.text2pose.trainer.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The paper's caption-retrieval baseline: answer a caption with the pose of the training image whose caption is
 * nearest to it in text-embedding space (cosine similarity over every training caption, ties to the first).
 *
 * <p>It is the strongest simple answer: a real pose that went with similar words. It ignores noise, so all draws
 * of a query are the same pose and its diversity is 0. A generator that only beats it on diversity has not learned
 * more than a lookup table.
 */
public final class CaptionRetrieval implements PoseSource {

    private final PoseSet trainingPoses;
    private final float[] unitCaptions;
    private final int[] captionPose;
    private final int dimension;
    private final Map<Vector, Integer> answered = new ConcurrentHashMap<>();

    /**
     * @param trainingPoses     the training split's poses
     * @param captionEmbeddings the training captions' embeddings, all of one length
     * @param captionPose       for each training caption, the index of its image's pose in {@code trainingPoses}
     */
    public CaptionRetrieval(PoseSet trainingPoses, float[][] captionEmbeddings, int[] captionPose) {
        if (captionEmbeddings.length == 0 || captionEmbeddings.length != captionPose.length) {
            throw new IllegalArgumentException("need at least one training caption and one pose index per caption, got "
                    + captionEmbeddings.length + " captions and " + captionPose.length + " indices");
        }
        this.trainingPoses = trainingPoses;
        this.captionPose = captionPose.clone();
        this.dimension = captionEmbeddings[0].length;
        this.unitCaptions = new float[captionEmbeddings.length * dimension];
        for (int c = 0; c < captionEmbeddings.length; c++) {
            float[] unit = unit(captionEmbeddings[c]);
            System.arraycopy(unit, 0, unitCaptions, c * dimension, dimension);
        }
    }

    @Override
    public PoseSet generate(List<EvalQuery> queries, int draws) {
        int[] nearest = nearestCaptions(queries);
        int[] indices = new int[queries.size() * draws];
        for (int q = 0; q < queries.size(); q++) {
            for (int d = 0; d < draws; d++) {
                indices[q * draws + d] = captionPose[nearest[q]];
            }
        }
        return trainingPoses.select(indices);
    }

    /**
     * For each query, the index of the training caption with the highest cosine similarity. Each distinct caption
     * vector is searched once per instance: with tens of thousands of training captions a search is the row's main
     * cost, and caption sensitivity asks again for captions the row has already answered.
     */
    int[] nearestCaptions(List<EvalQuery> queries) {
        int[] nearest = new int[queries.size()];
        IntStream.range(0, queries.size()).parallel().forEach(q -> nearest[q] = answered.computeIfAbsent(
                new Vector(queries.get(q).embedding()), vector -> nearestCaption(vector.values())));
        return nearest;
    }

    private int nearestCaption(float[] embedding) {
        float[] query = unit(embedding);
        if (query.length != dimension) {
            throw new IllegalArgumentException("query embedding has " + query.length + " floats, training "
                    + "captions have " + dimension);
        }
        int best = 0;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < captionPose.length; c++) {
            float similarity = 0f;
            for (int i = 0, at = c * dimension; i < dimension; i++, at++) {
                similarity += query[i] * unitCaptions[at];
            }
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = c;
            }
        }
        return best;
    }

    /** A caption vector as a map key, equal by content. */
    private record Vector(float[] values) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** {@code v} scaled to unit length; a zero vector stays zero (similar to nothing). */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }
}
