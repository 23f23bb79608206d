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

    /** Queries searched together: their vectors stay in cache while one pass streams the training captions. */
    private static final int BLOCK = 16;

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
        List<Vector> missing = queries.stream().map(q -> new Vector(q.embedding())).distinct()
                .filter(v -> !answered.containsKey(v)).toList();
        IntStream.range(0, (missing.size() + BLOCK - 1) / BLOCK).parallel().forEach(b ->
                search(missing.subList(b * BLOCK, Math.min(missing.size(), (b + 1) * BLOCK))));
        return queries.stream().mapToInt(q -> answered.get(new Vector(q.embedding()))).toArray();
    }

    /**
     * Searches every training caption for a block of queries at once, so each training vector is read once per
     * block, and four queries' sums run side by side (independent additions the CPU overlaps). Each sum still adds
     * its terms in order, so similarities, ties included, are exactly those of one query at a time.
     */
    private void search(List<Vector> block) {
        float[][] query = block.stream().map(v -> unit(v.values())).toArray(float[][]::new);
        for (float[] q : query) {
            if (q.length != dimension) {
                throw new IllegalArgumentException("query embedding has " + q.length + " floats, training "
                        + "captions have " + dimension);
            }
        }
        int[] best = new int[query.length];
        float[] bestSimilarity = new float[query.length];
        Arrays.fill(bestSimilarity, Float.NEGATIVE_INFINITY);
        float[] similarity = new float[query.length];
        for (int c = 0; c < captionPose.length; c++) {
            similarities(query, c * dimension, similarity);
            for (int q = 0; q < query.length; q++) {
                if (similarity[q] > bestSimilarity[q]) {
                    bestSimilarity[q] = similarity[q];
                    best[q] = c;
                }
            }
        }
        for (int q = 0; q < query.length; q++) {
            answered.put(block.get(q), best[q]);
        }
    }

    /** Into {@code out}, each query's dot product with the training caption at {@code offset}. */
    private void similarities(float[][] query, int offset, float[] out) {
        int q = 0;
        for (; q + 4 <= query.length; q += 4) {
            float[] a = query[q];
            float[] b = query[q + 1];
            float[] c = query[q + 2];
            float[] d = query[q + 3];
            float sa = 0f;
            float sb = 0f;
            float sc = 0f;
            float sd = 0f;
            for (int i = 0; i < dimension; i++) {
                float t = unitCaptions[offset + i];
                sa += a[i] * t;
                sb += b[i] * t;
                sc += c[i] * t;
                sd += d[i] * t;
            }
            out[q] = sa;
            out[q + 1] = sb;
            out[q + 2] = sc;
            out[q + 3] = sd;
        }
        for (; q < query.length; q++) {
            float sum = 0f;
            for (int i = 0; i < dimension; i++) {
                sum += query[q][i] * unitCaptions[offset + i];
            }
            out[q] = sum;
        }
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
