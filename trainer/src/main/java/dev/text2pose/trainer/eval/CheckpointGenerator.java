package dev.text2pose.trainer.eval;

import dev.text2pose.model.NoiseSampler;
import dev.text2pose.trainer.model.PaperSpec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A generator that exists only as a training checkpoint, run on libtorch in eval mode: the rows that have no model
 * bundle (the regression baseline, the unconditional generator).
 *
 * <p>Draw {@code d} of a query uses sample {@code d} of {@link NoiseSampler} with the query's noise seed, as
 * {@link BundleGenerator} does, so every generator row sees the same noise for the same caption. Rows go through the
 * network in chunks of {@value #ROWS_PER_CALL}, each under a {@link NoGradGuard} (no graph is recorded) and a
 * {@link PointerScope} that frees the chunk's tensors when it closes, so native memory holds one chunk's
 * activations however many queries a run has (chunks of {@link BundleGenerator}'s size, for the same reason).
 */
abstract class CheckpointGenerator implements PoseSource {

    /** Generator rows per forward pass. */
    static final int ROWS_PER_CALL = BundleGenerator.ROWS_PER_CALL;

    private final NoiseSampler noise = new NoiseSampler(PaperSpec.NOISE_DIM);
    private final int textDim;

    /** @param textDim length of the caption vectors the network reads, or 0 when it reads none */
    CheckpointGenerator(int textDim) {
        this.textDim = textDim;
    }

    /**
     * The poses of one chunk.
     *
     * @param noise   [n, 128] standard normal noise
     * @param rawText [n, textDim] the queries' raw encoder vectors, or null when {@code textDim} is 0
     */
    abstract PoseSet poses(Tensor noise, Tensor rawText);

    @Override
    @SuppressWarnings("try") // NoGradGuard and PointerScope work by their extent
    public final PoseSet generate(List<EvalQuery> queries, int draws) {
        float[][] z = new float[queries.size() * draws][];
        for (int q = 0; q < queries.size(); q++) {
            System.arraycopy(noise.samples(queries.get(q).noiseSeed(), draws), 0, z, q * draws, draws);
        }
        List<PoseSet> chunks = new ArrayList<>();
        for (int start = 0; start < z.length; start += ROWS_PER_CALL) {
            int rows = Math.min(z.length, start + ROWS_PER_CALL) - start;
            float[] flatNoise = new float[rows * PaperSpec.NOISE_DIM];
            float[] flatText = textDim == 0 ? null : new float[rows * textDim];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(z[start + r], 0, flatNoise, r * PaperSpec.NOISE_DIM, PaperSpec.NOISE_DIM);
                if (flatText != null) {
                    System.arraycopy(embedding(queries.get((start + r) / draws)), 0, flatText, r * textDim, textDim);
                }
            }
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                chunks.add(poses(Tensor.create(flatNoise, rows, PaperSpec.NOISE_DIM),
                        flatText == null ? null : Tensor.create(flatText, rows, textDim)));
            }
        }
        return PoseSet.concat(chunks);
    }

    private float[] embedding(EvalQuery query) {
        if (query.embedding().length != textDim) {
            throw new IllegalArgumentException("the checkpoint's generator reads " + textDim + "-long caption "
                    + "vectors; the evaluation's are " + query.embedding().length + " long (another text encoder?)");
        }
        return query.embedding();
    }
}
