package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.data.PoseAugmenter;
import dev.text2pose.trainer.eval.PoseSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link TextPoseRetrievalModel} with InfoNCE on (pose, caption) pairs of the training split.
 *
 * <p>Each epoch visits every image once in a shuffled order, with one of its captions picked at random and its pose
 * flipped and rotated by the paper's augmentation ({@link PoseAugmenter#paper()}); batching images rather than
 * (pose, caption) pairs keeps two captions of one image out of a batch, where they would be false negatives. A
 * last partial batch of fewer than 2 pairs is dropped, since it has no negatives. Everything random comes from
 * one seed: the layer initialisations, the order, the caption picks and the augmentation.
 */
public final class ContrastiveTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ContrastiveTrainer.class);

    private final RetrievalSettings settings;

    public ContrastiveTrainer(RetrievalSettings settings) {
        this.settings = settings;
    }

    /**
     * Trains a model.
     *
     * @param poses             the training images' poses
     * @param captionEmbeddings the training captions' vectors, all of one length
     * @param captionPose       per caption, the index of its image in {@code poses}; every image needs one caption
     */
    public TextPoseRetrievalModel train(List<FramePose> poses, float[][] captionEmbeddings, int[] captionPose,
                                        long seed) {
        int[][] captionsOfPose = captionsOfPose(poses.size(), captionPose);
        int textWidth = captionEmbeddings[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        TextPoseRetrievalModel model = new TextPoseRetrievalModel(
                DenseLayer.kaiming(TextPoseRetrievalModel.POSE_FEATURES, settings.hidden(), random.nextLong()),
                DenseLayer.kaiming(settings.hidden(), settings.dimension(), random.nextLong()),
                DenseLayer.kaiming(textWidth, settings.dimension(), random.nextLong()));
        PoseAugmenter augmenter = PoseAugmenter.paper();
        long start = System.nanoTime();
        int steps = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = shuffled(poses.size(), random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from + 2 <= order.length; from += settings.batchSize()) {
                int batch = Math.min(settings.batchSize(), order.length - from);
                List<FramePose> batchPoses = new ArrayList<>(batch);
                float[] text = new float[batch * textWidth];
                for (int b = 0; b < batch; b++) {
                    int image = order[from + b];
                    batchPoses.add(augmenter.augment(poses.get(image), random));
                    int[] captions = captionsOfPose[image];
                    System.arraycopy(captionEmbeddings[captions[random.nextInt(captions.length)]], 0, text,
                            b * textWidth, textWidth);
                }
                lossSum += step(model, PoseSet.ofFramePoses(batchPoses), text, batch, ++steps);
                batches++;
            }
            log(epoch, lossSum / Math.max(1, batches), start);
        }
        return model;
    }

    private void log(int epoch, double meanLoss, long startNanos) {
        if (epoch == 0 || (epoch + 1) % 25 == 0 || epoch + 1 == settings.epochs()) {
            LOG.info("retrieval model: epoch {}/{}, loss {}, {} s", epoch + 1, settings.epochs(),
                    String.format("%.4f", meanLoss), (System.nanoTime() - startNanos) / 1_000_000_000);
        }
    }

    /** One forward, backward and AdamW step; returns the batch loss. */
    float step(TextPoseRetrievalModel model, PoseSet poses, float[] text, int batch, int step) {
        float[] features = TextPoseRetrievalModel.features(poses);
        float[] hidden = TextPoseRetrievalModel.relu(model.poseHidden.forward(features, batch));
        float[] poseEmbedding = model.poseOutput.forward(hidden, batch);
        float[] textEmbedding = model.textProjection.forward(text, batch);
        int dimension = model.dimension();
        float[] poseGradient = new float[batch * dimension];
        float[] textGradient = new float[batch * dimension];
        float loss = InfoNceLoss.lossAndGradients(poseEmbedding, textEmbedding, batch, dimension,
                settings.temperature(), poseGradient, textGradient);
        float[] hiddenGradient = model.poseOutput.backward(hidden, poseGradient, batch, true);
        for (int i = 0; i < hiddenGradient.length; i++) {
            hiddenGradient[i] = hidden[i] > 0 ? hiddenGradient[i] : 0f;
        }
        model.poseHidden.backward(features, hiddenGradient, batch, false);
        model.textProjection.backward(text, textGradient, batch, false);
        for (DenseLayer layer : List.of(model.poseHidden, model.poseOutput, model.textProjection)) {
            layer.step(step, settings.learningRate(), settings.weightDecay());
        }
        return loss;
    }

    private static int[][] captionsOfPose(int poses, int[] captionPose) {
        int[] counts = new int[poses];
        for (int pose : captionPose) {
            counts[pose]++;
        }
        int[][] captions = new int[poses][];
        for (int p = 0; p < poses; p++) {
            if (counts[p] == 0) {
                throw new IllegalArgumentException("training pose " + p + " has no caption");
            }
            captions[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int c = 0; c < captionPose.length; c++) {
            captions[captionPose[c]][counts[captionPose[c]]++] = c;
        }
        return captions;
    }

    /** A Fisher-Yates shuffle of {@code 0..n-1}. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
