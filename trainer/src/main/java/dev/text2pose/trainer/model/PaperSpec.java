package dev.text2pose.trainer.model;

import dev.text2pose.pose.CocoKeypoints;

/**
 * The fixed sizes of the paper's networks and its decoding threshold, named once so that the networks, the
 * exporter and the bundle metadata cannot disagree.
 */
public final class PaperSpec {

    /** Architecture id recorded in the bundle: the paper's 64x64 heatmap conditional GAN. */
    public static final String ARCHITECTURE = "paper-cgan-64";

    /** Length of the generator's noise input, as in the authors' code. */
    public static final int NOISE_DIM = 128;

    /**
     * Length of the sentence vector: all-MiniLM-L6-v2 gives 384 where the paper's fastText gave 300; only the first
     * Linear layer of each network's text path depends on it.
     */
    public static final int TEXT_DIM = 384;

    /** Width of the text after each network's own {@code Linear + LeakyReLU} compression. */
    public static final int COMPRESSED_TEXT_DIM = 128;

    /** Side of the square heatmaps, in pixels of the normalised person frame. */
    public static final int HEATMAP_SIZE = 64;

    /** One heatmap channel per COCO keypoint. */
    public static final int KEYPOINTS = CocoKeypoints.COUNT;

    /** Negative slope of every LeakyReLU in both networks. */
    public static final double LEAKY_SLOPE = 0.2;

    /** A decoded keypoint is present when its channel maximum, mapped to [0, 1], exceeds this (paper: 0.2). */
    public static final float PRESENCE_THRESHOLD = 0.2f;

    private PaperSpec() {
    }
}
