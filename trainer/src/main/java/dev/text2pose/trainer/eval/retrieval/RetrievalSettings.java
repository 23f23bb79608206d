package dev.text2pose.trainer.eval.retrieval;

/**
 * Hyperparameters of the text-pose retrieval model and its training; {@link #defaults()} is what the evaluation
 * uses. Every field is part of the cache key, so changing one retrains.
 *
 * @param epochs       passes over the training images; each pass shows every image once with one of its captions
 * @param batchSize    pairs per step, which are also each other's negatives
 * @param hidden       width of the pose encoder's hidden layer
 * @param dimension    width of the joint embedding space
 * @param learningRate AdamW's step size
 * @param weightDecay  AdamW's decoupled decay, against overfitting a few hundred images
 * @param temperature  InfoNCE's softmax temperature, fixed rather than learned to keep the model one-knob simple
 */
public record RetrievalSettings(int epochs, int batchSize, int hidden, int dimension, float learningRate,
                                float weightDecay, float temperature) {

    public RetrievalSettings {
        if (epochs < 0 || batchSize < 2 || hidden < 1 || dimension < 1 || !(learningRate > 0)
                || !(weightDecay >= 0) || !(temperature > 0)) {
            throw new IllegalArgumentException("invalid retrieval settings " + this);
        }
    }

    /**
     * The defaults, chosen on the validation split (never the test split) by the R-precision of held-out real poses
     * under a judge trained on one fold: 50 epochs of batch 64, a 256-wide hidden layer into a 64-d space, learning
     * rate 1e-3, decay 1e-2, temperature 0.2. Longer training only memorised the training poses better (held-out
     * R@1 fell from 0.107 at 50 epochs to 0.082 at 100); temperatures 0.05 to 0.3 and widths 128 to 512 were within
     * 0.02 of each other. Chosen with the earlier hand-written judge; the libtorch one, same settings, reached the same
     * real-pose R@3 on validation (0.480 and 0.495 at seeds 0 and 1, against 0.485 and 0.487).
     */
    public static RetrievalSettings defaults() {
        return new RetrievalSettings(50, 64, 256, 64, 1e-3f, 1e-2f, 0.2f);
    }

    /** The same settings with another number of epochs (quick runs and tests). */
    public RetrievalSettings withEpochs(int newEpochs) {
        return new RetrievalSettings(newEpochs, batchSize, hidden, dimension, learningRate, weightDecay, temperature);
    }
}
