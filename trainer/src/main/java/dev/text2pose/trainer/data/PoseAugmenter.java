package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

import java.util.random.RandomGenerator;

/**
 * The paper's training-time augmentation: a horizontal flip with probability 0.5, then a rotation drawn uniformly
 * from +-10 degrees about the frame centre (32, 32). No scaling and no translation.
 *
 * <p>The flip mirrors x about the centre ({@code x' = 64 - x}) and also swaps left and right keypoints
 * ({@link CocoKeypoints#flipped}); mirroring alone would turn a person's left wrist into a wrist on their right side
 * still named "left", a pose no camera sees. Unlabelled keypoints stay unlabelled, at the conventional (0, 0).
 *
 * <p>Randomness comes only from the generator passed in, so a run seeded once is reproducible. Each call draws
 * exactly two numbers (flip, then angle), whatever they turn out to be, so the stream stays aligned across runs
 * that differ only in these settings' values.
 */
public final class PoseAugmenter {

    /** The paper's flip probability. */
    public static final double PAPER_FLIP_PROBABILITY = 0.5;
    /** The paper's largest rotation, either way, in degrees. */
    public static final double PAPER_MAX_DEGREES = 10.0;

    private final double flipProbability;
    private final double maxRadians;

    /**
     * @param flipProbability chance of a horizontal flip, in {@code [0, 1]}
     * @param maxDegrees      largest rotation either way, {@code >= 0}; the angle is uniform in {@code [-max, max)}
     */
    public PoseAugmenter(double flipProbability, double maxDegrees) {
        if (!(flipProbability >= 0 && flipProbability <= 1) || !(maxDegrees >= 0)) {
            throw new IllegalArgumentException("need 0 <= flipProbability <= 1 and maxDegrees >= 0, got "
                    + flipProbability + ", " + maxDegrees);
        }
        this.flipProbability = flipProbability;
        this.maxRadians = Math.toRadians(maxDegrees);
    }

    /** The paper's settings: flip with p = 0.5, rotate within +-10 degrees. */
    public static PoseAugmenter paper() {
        return new PoseAugmenter(PAPER_FLIP_PROBABILITY, PAPER_MAX_DEGREES);
    }

    /** A randomly flipped and rotated copy of {@code pose}. */
    public FramePose augment(FramePose pose, RandomGenerator random) {
        boolean flip = random.nextDouble() < flipProbability;
        double angle = (2 * random.nextDouble() - 1) * maxRadians;
        return rotate(flip ? flip(pose) : pose, angle);
    }

    /** {@code pose} mirrored about the vertical centre line, with left and right keypoints swapped. */
    public static FramePose flip(FramePose pose) {
        float[] x = new float[CocoKeypoints.COUNT];
        float[] y = new float[CocoKeypoints.COUNT];
        boolean[] labelled = new boolean[CocoKeypoints.COUNT];
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            int j = CocoKeypoints.flipped(i);
            labelled[j] = pose.isLabelled(i);
            x[j] = FramePose.FRAME_SIZE - pose.x(i);
            y[j] = pose.y(i);
        }
        return new FramePose(x, y, labelled);
    }

    /**
     * {@code pose} rotated by {@code radians} about the frame centre. Positive angles turn clockwise on screen,
     * because y points down; the sign does not matter to the symmetric draw.
     */
    public static FramePose rotate(FramePose pose, double radians) {
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        float[] x = new float[CocoKeypoints.COUNT];
        float[] y = new float[CocoKeypoints.COUNT];
        boolean[] labelled = pose.labelled();
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            double dx = pose.x(i) - FramePose.CENTRE;
            double dy = pose.y(i) - FramePose.CENTRE;
            x[i] = (float) (FramePose.CENTRE + cos * dx - sin * dy);
            y[i] = (float) (FramePose.CENTRE + sin * dx + cos * dy);
        }
        return new FramePose(x, y, labelled);
    }
}
