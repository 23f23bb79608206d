package dev.text2pose.trainer.eval;

import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.NoiseSampler;
import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CocoDatasets;
import dev.text2pose.trainer.data.DataSplit;
import dev.text2pose.trainer.data.EmbeddingCache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a presence calibration is fitted to: a bundle's keypoint confidences on every caption of the validation
 * split (one draw each, the noise of {@link EvalQuery#noiseSeed} draw 0), beside the fraction of the split's real
 * poses that have each keypoint labelled. Only the validation split is read, so the test split stays untouched.
 *
 * @param confidences per caption, per keypoint, the bundle's confidence ({@code [captions][17]})
 * @param realRates   per keypoint, the fraction of validation images whose pose has it labelled
 * @param images      validation images read
 */
public record ValidationPresence(float[][] confidences, double[] realRates, int images) {

    /**
     * Runs {@code bundle} on the validation captions of the held-out files.
     *
     * @param keypoints the held-out (val2017) keypoints file
     * @param captions  its captions file
     * @param seed      seed of the noise, as the evaluation's
     */
    public static ValidationPresence measure(ModelBundle bundle, Path keypoints, Path captions,
                                             CaptionEmbedder embedder, EmbeddingCache cache, long seed)
            throws IOException {
        List<CaptionedPose> images = CocoDatasets.stage2(keypoints, captions).heldOut(DataSplit.VALIDATION);
        List<String> texts = new ArrayList<>();
        List<Long> noiseSeeds = new ArrayList<>();
        for (CaptionedPose image : images) {
            for (int c = 0; c < image.captions().size(); c++) {
                texts.add(image.captions().get(c));
                noiseSeeds.add(EvalQuery.noiseSeed(seed, image.imageId(), c));
            }
        }
        float[][] vectors = cache.embed(texts, embedder);
        NoiseSampler noise = new NoiseSampler(bundle.metadata().noiseDim());
        float[][] confidences = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += BundleGenerator.ROWS_PER_CALL) {
            int to = Math.min(texts.size(), from + BundleGenerator.ROWS_PER_CALL);
            float[][] z = new float[to - from][];
            for (int i = from; i < to; i++) {
                z[i - from] = noise.samples(noiseSeeds.get(i), 1)[0];
            }
            float[][][] keypointRows = bundle.keypoints(Arrays.copyOfRange(vectors, from, to), z);
            for (int i = from; i < to; i++) {
                confidences[i] = new float[CocoKeypoints.COUNT];
                for (int k = 0; k < CocoKeypoints.COUNT; k++) {
                    confidences[i][k] = keypointRows[i - from][k][2];
                }
            }
        }
        double[] realRates = PoseSet.ofFramePoses(images.stream().map(CaptionedPose::pose).toList())
                .presentFractionByKeypoint();
        return new ValidationPresence(confidences, realRates, images.size());
    }
}
