package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.data.PoseAugmenter;
import dev.text2pose.trainer.eval.PoseSet;
import dev.text2pose.trainer.model.SingleThreaded;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link TextPoseRetrievalModel} with InfoNCE on (pose, caption) pairs of the training split, on libtorch:
 * autograd differentiates {@link InfoNceLoss}, and torch's AdamW steps (decay on the weights, none on the biases).
 *
 * <p>Each epoch visits every image once in a shuffled order, with one of its captions picked at random and its pose
 * flipped and rotated by the paper's augmentation ({@link PoseAugmenter#paper()}); batching images rather than
 * (pose, caption) pairs keeps two captions of one image out of a batch, where they would be false negatives. A
 * last partial batch of fewer than 2 pairs is dropped, since it has no negatives. Everything random comes from
 * one seed: the layer initialisations, the order, the caption picks and the augmentation; with libtorch and its
 * BLAS held to one thread while it trains ({@link SingleThreaded}), a rerun gives the same model.
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
    @SuppressWarnings("try") // the guard works by its extent
    public TextPoseRetrievalModel train(List<FramePose> poses, float[][] captionEmbeddings, int[] captionPose,
                                        long seed) {
        // One thread while training, so that a rerun sums in the same order (see SingleThreaded for the cost of more)
        try (SingleThreaded oneThread = new SingleThreaded()) {
            return trainSingleThreaded(poses, captionEmbeddings, captionPose, seed);
        }
    }

    private TextPoseRetrievalModel trainSingleThreaded(List<FramePose> poses, float[][] captionEmbeddings,
                                                       int[] captionPose, long seed) {
        int[][] captionsOfPose = captionsOfPose(poses.size(), captionPose);
        int textWidth = captionEmbeddings[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        TextPoseRetrievalModel model = new TextPoseRetrievalModel(textWidth, settings.hidden(), settings.dimension(),
                random.nextLong());
        // Two optimisers rather than two parameter groups: the same AdamW, decay on the weights only, without
        // handing option objects across JavaCPP's ownership boundary.
        AdamW weightOptimiser = adamW(model.weights(), settings.weightDecay());
        AdamW biasOptimiser = adamW(model.biases(), 0);
        PoseAugmenter augmenter = PoseAugmenter.paper();
        long start = System.nanoTime();
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
                float[] features = TextPoseRetrievalModel.features(PoseSet.ofFramePoses(batchPoses));
                lossSum += step(model, features, text, batch, weightOptimiser, biasOptimiser);
                batches++;
            }
            log(epoch, lossSum / Math.max(1, batches), start);
        }
        return model;
    }

    private AdamW adamW(TensorVector parameters, double weightDecay) {
        // libtorch's defaults otherwise: betas (0.9, 0.999), eps 1e-8, so the reversed-betas trap does not arise
        AdamWOptions options = new AdamWOptions(settings.learningRate());
        options.weight_decay().put(weightDecay);
        return new AdamW(parameters, options);
    }

    private void log(int epoch, double meanLoss, long startNanos) {
        if (epoch == 0 || (epoch + 1) % 25 == 0 || epoch + 1 == settings.epochs()) {
            LOG.info("retrieval model: epoch {}/{}, loss {}, {} s", epoch + 1, settings.epochs(),
                    String.format("%.4f", meanLoss), (System.nanoTime() - startNanos) / 1_000_000_000);
        }
    }

    /** One forward, backward and AdamW step on {@code batch} pairs; returns the batch loss. */
    private double step(TextPoseRetrievalModel model, float[] features, float[] text, int batch,
                        AdamW weightOptimiser, AdamW biasOptimiser) {
        try (PointerScope scope = new PointerScope()) {
            Tensor loss = InfoNceLoss.loss(
                    model.poseEmbedding(Tensor.create(features, batch, TextPoseRetrievalModel.POSE_FEATURES)),
                    model.captionEmbedding(Tensor.create(text, batch, text.length / batch)),
                    settings.temperature());
            weightOptimiser.zero_grad();
            biasOptimiser.zero_grad();
            loss.backward();
            weightOptimiser.step();
            biasOptimiser.step();
            return loss.item_double();
        }
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
