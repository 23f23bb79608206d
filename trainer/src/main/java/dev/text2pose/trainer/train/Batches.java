package dev.text2pose.trainer.train;

import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.data.PoseAugmenter;
import dev.text2pose.trainer.model.PaperSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws every batch of a run as a pure function of (seed, step), through {@link RunRandom}.
 *
 * <p>Real samples come in epochs: sample number k of the run is position {@code k mod n} of epoch {@code k / n}'s
 * permutation, so critic step s reads samples {@code s*B .. s*B+B-1} and every pose is seen once an epoch. For
 * stage 2 each use of an image takes one of its captions at random, as the paper does. Sampling by image rather
 * than by (pose, caption) pair also matters for this project's data: the partial train2017 captions file keeps 1
 * caption for 9,876 images and 5 or more for 9,652, so by pair a pose would weigh as much as the file happened to
 * keep captions for it; by image every pose counts once an epoch, whatever its caption count. The draws of one step
 * always come in the same order (augmentation, captions, mismatched captions, noise, interpolation weights), so a
 * change to one setting leaves the others' streams where they were.
 */
final class Batches {

    /** One critic step's inputs; text arrays are null when unconditional. Text is already scaled. */
    record Critic(List<FramePose> poses, float[] text, float[] mismatched, float[] noise, float[] epsilon) {
    }

    /** One generator step's inputs: {@code text} for D(G(z,t),t), {@code interpolated} for the t_int term. */
    record Generator(List<FramePose> targets, float[] text, float[] noise, float[] noise2, float[] interpolated) {
    }

    /**
     * One flow-matching step's inputs: the (augmented) poses, their captions' scaled vectors with the rows of
     * dropped captions zeroed (the null caption), start noise [batch, poseWidth], and a time in [0, 1) per row.
     */
    record Flow(List<FramePose> poses, float[] text, float[] noise, float[] times) {
    }

    private final TrainingData data;
    private final long seed;
    private final int batch;
    private final float scale;
    private final PoseAugmenter augmenter;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    Batches(TrainingData data, TrainConfig config) {
        this.data = data;
        this.seed = config.seed();
        this.batch = config.batchSize();
        this.scale = config.embeddingScale();
        this.augmenter = config.augment() ? PoseAugmenter.paper() : null;
    }

    /** The inputs of critic step {@code criticStep}, counted over the whole run from 0. */
    Critic critic(long criticStep) {
        SplittableRandom random = RunRandom.at(seed, "critic", criticStep);
        int[] index = new int[batch];
        List<FramePose> poses = epochPoses(criticStep, index, random);
        if (!data.conditional()) {
            return new Critic(poses, null, null, gaussian(random, batch * PaperSpec.NOISE_DIM), uniform(random));
        }
        float[] text = captions(index, random);
        int[] others = new int[batch];
        for (int i = 0; i < batch; i++) {
            int other = random.nextInt(data.size() - 1);
            others[i] = other >= index[i] ? other + 1 : other; // any sample but this one
        }
        float[] mismatched = captions(others, random);
        return new Critic(poses, text, mismatched, gaussian(random, batch * PaperSpec.NOISE_DIM), uniform(random));
    }

    /** The inputs of generator step {@code step}: captions of random samples, two noise draws, t_int. */
    Generator generator(long step) {
        SplittableRandom random = RunRandom.at(seed, "generator", step);
        int[] index = random.ints(batch, 0, data.size()).toArray();
        List<FramePose> targets = new ArrayList<>(batch);
        for (int i : index) {
            targets.add(data.poses().get(i));
        }
        float[] noise = gaussian(random, batch * PaperSpec.NOISE_DIM);
        if (!data.conditional()) {
            return new Generator(targets, null, noise, null, null);
        }
        float[] text = captions(index, random);
        float[] a = captions(random.ints(batch, 0, data.size()).toArray(), random);
        float[] b = captions(random.ints(batch, 0, data.size()).toArray(), random);
        float[] interpolated = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            interpolated[i] = 0.5f * a[i] + 0.5f * b[i];
        }
        return new Generator(targets, text, noise, gaussian(random, batch * PaperSpec.NOISE_DIM), interpolated);
    }

    /**
     * The inputs of flow step {@code step}: every pose once an epoch, like critic steps. Each kept caption vector
     * gets Gaussian noise of {@code captionNoise} per dimension of the unit vector (scaled with it).
     */
    Flow flow(long step, int poseWidth, double captionDropout, double captionNoise) {
        SplittableRandom random = RunRandom.at(seed, "flow", step);
        int[] index = new int[batch];
        List<FramePose> poses = epochPoses(step, index, random);
        float[] text = captions(index, random);
        int dim = data.textDim();
        boolean[] dropped = new boolean[batch];
        for (int i = 0; i < batch; i++) {
            if (random.nextDouble() < captionDropout) {
                dropped[i] = true;
                java.util.Arrays.fill(text, i * dim, (i + 1) * dim, 0f);
            }
        }
        for (int i = 0; i < batch && captionNoise > 0; i++) {
            if (!dropped[i]) {
                for (int d = 0; d < dim; d++) {
                    text[i * dim + d] += (float) (captionNoise * scale * random.nextGaussian());
                }
            }
        }
        return new Flow(poses, text, gaussian(random, batch * poseWidth), uniform(random));
    }

    /** Batch {@code batchNumber} of the epoch-by-epoch stream, augmented; fills {@code index} with the samples. */
    private List<FramePose> epochPoses(long batchNumber, int[] index, SplittableRandom random) {
        List<FramePose> poses = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            index[i] = sampleAt(batchNumber * batch + i);
            FramePose pose = data.poses().get(index[i]);
            poses.add(augmenter == null ? pose : augmenter.augment(pose, random));
        }
        return poses;
    }

    /** Which sample is number {@code k} of the run's epoch-by-epoch stream. */
    int sampleAt(long k) {
        long epoch = k / data.size();
        if (epoch != cachedEpoch) {
            cachedPermutation = permutation(epoch);
            cachedEpoch = epoch;
        }
        return cachedPermutation[(int) (k % data.size())];
    }

    /** Scaled vectors of one random caption of each sample, row-major [index.length, textDim]. */
    float[] captions(int[] index, SplittableRandom random) {
        int dim = data.textDim();
        float[] out = new float[index.length * dim];
        for (int i = 0; i < index.length; i++) {
            float[][] vectors = data.embeddings().get(index[i]);
            float[] v = vectors[random.nextInt(vectors.length)];
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = v[d] * scale;
            }
        }
        return out;
    }

    static float[] gaussian(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private float[] uniform(SplittableRandom random) {
        float[] out = new float[batch];
        for (int i = 0; i < batch; i++) {
            out[i] = (float) random.nextDouble();
        }
        return out;
    }

    private int[] permutation(long epoch) {
        SplittableRandom random = RunRandom.at(seed, "epoch", epoch);
        int[] p = new int[data.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
