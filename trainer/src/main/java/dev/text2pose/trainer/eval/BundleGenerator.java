package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.NoiseSampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generator exported as a model bundle, of any model kind, run exactly as the service runs it: the raw caption
 * vector and standard normal noise go in, the graph's keypoints come out, and a keypoint is present when its
 * confidence exceeds the bundle's presence threshold. The one path by which the evaluation scores generators.
 *
 * <p>Draw {@code d} of a query uses sample {@code d} of {@link NoiseSampler} with the query's noise seed, the same
 * noise a service request with that seed would get. All rows go through ONNX Runtime in chunks of
 * {@link #ROWS_PER_CALL}: per-call overhead only matters for small batches (throughput is flat from about 32 rows,
 * see the training notes), while the graph's activations grow with the chunk (about 0.6 MB a row, most of it the
 * 17x64x64 heatmaps), so a chunk of 256 keeps a run's native memory near 150 MB where 1,024 took over 600 MB.
 */
public final class BundleGenerator implements PoseSource {

    /** Generator rows per ONNX Runtime call. */
    public static final int ROWS_PER_CALL = 256;

    private final ModelBundle bundle;
    private final NoiseSampler noise;

    /** @param bundle an open bundle; the caller closes it after the run */
    public BundleGenerator(ModelBundle bundle) {
        this.bundle = bundle;
        this.noise = new NoiseSampler(bundle.metadata().noiseDim());
    }

    @Override
    public PoseSet generate(List<EvalQuery> queries, int draws) {
        float[][] text = new float[queries.size() * draws][];
        float[][] z = new float[queries.size() * draws][];
        for (int q = 0; q < queries.size(); q++) {
            float[][] queryNoise = noise.samples(queries.get(q).noiseSeed(), draws);
            for (int d = 0; d < draws; d++) {
                text[q * draws + d] = queries.get(q).embedding();
                z[q * draws + d] = queryNoise[d];
            }
        }
        return run(text, z);
    }

    /** Runs the bundle on explicit rows (the figures' interpolations), chunked like {@link #generate}. */
    public PoseSet run(float[][] text, float[][] z) {
        List<PoseSet> chunks = new ArrayList<>();
        float threshold = bundle.metadata().presenceThreshold();
        for (int start = 0; start < text.length; start += ROWS_PER_CALL) {
            int end = Math.min(text.length, start + ROWS_PER_CALL);
            float[][][] keypoints = bundle.keypoints(Arrays.copyOfRange(text, start, end),
                    Arrays.copyOfRange(z, start, end));
            chunks.add(PoseSet.ofKeypoints(keypoints, threshold));
        }
        return PoseSet.concat(chunks);
    }

    /** The noise of draws {@code 0..count-1} for a noise seed, as {@link #generate} uses it. */
    public float[][] noise(long noiseSeed, int count) {
        return noise.samples(noiseSeed, count);
    }
}
