package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.CaptionEmbedder;
import dev.text2pose.trainer.data.CaptionedPose;
import dev.text2pose.trainer.data.CaptionedPoseDataset;
import dev.text2pose.trainer.data.CocoDatasets;
import dev.text2pose.trainer.data.DataSplit;
import dev.text2pose.trainer.data.DatasetHash;
import dev.text2pose.trainer.data.EmbeddingCache;
import dev.text2pose.trainer.data.FramePose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds {@link EvaluationData} from COCO files, selecting and normalising exactly as training does: the stage-2
 * rule of {@link CocoDatasets#stage2} and the split of {@link DataSplit}.
 *
 * <p>The training reference (for the random-pose and retrieval baselines, the nearest-neighbour distance to the
 * training set, the retrieval model and the judge) is every single-person image of the training files: the
 * {@link DataSplit#TRAIN} split, train2017 in the project. Any training image that is also evaluated is dropped
 * from the reference, so no run compares a caption with its own image's pose through the back door; with the
 * project's files that never happens, because train2017 and val2017 ids are disjoint.
 */
public final class EvaluationDataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationDataLoader.class);

    private final CaptionEmbedder embedder;
    private final EmbeddingCache cache;

    /**
     * @param embedder the text encoder the bundle takes
     * @param cache    where its vectors are kept between runs
     */
    public EvaluationDataLoader(CaptionEmbedder embedder, EmbeddingCache cache) {
        this.embedder = embedder;
        this.cache = cache;
    }

    /**
     * Loads the evaluation and training data.
     *
     * @param limitImages evaluate only the first this many images of the split (by image id); 0 for all
     * @throws IllegalArgumentException when no image is left to evaluate or no training image to compare with
     */
    public EvaluationData load(DataFiles files, EvaluationSplit split, int limitImages, long seed)
            throws IOException {
        CaptionedPoseDataset evalDataset = CocoDatasets.stage2(files.keypoints(), files.captions());
        CaptionedPoseDataset trainDataset = files.sameTrainingFiles() ? evalDataset
                : CocoDatasets.stage2(files.trainKeypoints(), files.trainCaptions());
        List<CaptionedPose> evalImages = split.select(evalDataset);
        if (limitImages > 0 && evalImages.size() > limitImages) {
            evalImages = evalImages.subList(0, limitImages);
        }
        if (evalImages.isEmpty()) {
            throw new IllegalArgumentException("no single-person image of " + files.keypoints() + " is in the "
                    + split.label() + " split");
        }
        Set<Long> evaluated = evalImages.stream().map(CaptionedPose::imageId).collect(Collectors.toSet());
        List<CaptionedPose> allTrain = trainDataset.samples();
        List<CaptionedPose> trainImages = allTrain.stream().filter(s -> !evaluated.contains(s.imageId())).toList();
        int dropped = allTrain.size() - trainImages.size();
        if (dropped > 0) {
            LOG.warn("{} training images are also evaluated and were left out of the training reference", dropped);
        }
        if (trainImages.size() < 2) {
            throw new IllegalArgumentException("only " + trainImages.size() + " training images remain to compare "
                    + "with; give the project's files with --train-keypoints and --train-captions");
        }
        return assemble(evalImages, trainImages, dropped, seed);
    }

    private EvaluationData assemble(List<CaptionedPose> evalImages, List<CaptionedPose> trainImages, int dropped,
                                    long seed) throws IOException {
        List<String> captions = new ArrayList<>();
        evalImages.forEach(s -> captions.addAll(s.captions()));
        int evalCaptions = captions.size();
        trainImages.forEach(s -> captions.addAll(s.captions()));
        float[][] vectors = cache.embed(captions, embedder);
        List<EvalQuery> queries = new ArrayList<>(evalCaptions);
        for (int i = 0, q = 0; i < evalImages.size(); i++) {
            CaptionedPose image = evalImages.get(i);
            for (int c = 0; c < image.captions().size(); c++, q++) {
                queries.add(new EvalQuery(image.imageId(), i, c, image.captions().get(c), vectors[q],
                        EvalQuery.noiseSeed(seed, image.imageId(), c)));
            }
        }
        int[] captionPose = new int[captions.size() - evalCaptions];
        for (int i = 0, c = 0; i < trainImages.size(); i++) {
            for (int k = 0; k < trainImages.get(i).captions().size(); k++) {
                captionPose[c++] = i;
            }
        }
        float[][] trainVectors = Arrays.copyOfRange(vectors, evalCaptions, vectors.length);
        LOG.info("evaluating {} images with {} captions against {} training images with {} captions",
                evalImages.size(), evalCaptions, trainImages.size(), trainVectors.length);
        return new EvaluationData(evalImages, poses(evalImages), queries, trainImages, poses(trainImages),
                trainVectors, captionPose, DatasetHash.ofCaptioned(evalImages), DatasetHash.ofCaptioned(trainImages),
                dropped);
    }

    private static PoseSet poses(List<CaptionedPose> images) {
        List<FramePose> poses = images.stream().map(CaptionedPose::pose).toList();
        return PoseSet.ofFramePoses(poses);
    }

    /**
     * The COCO files of a run.
     *
     * @param keypoints      the evaluation keypoints file
     * @param captions       its captions file
     * @param trainKeypoints the keypoints file whose training split is the reference
     * @param trainCaptions  its captions file
     */
    public record DataFiles(Path keypoints, Path captions, Path trainKeypoints, Path trainCaptions) {

        boolean sameTrainingFiles() {
            return keypoints.toAbsolutePath().normalize().equals(trainKeypoints.toAbsolutePath().normalize())
                    && captions.toAbsolutePath().normalize().equals(trainCaptions.toAbsolutePath().normalize());
        }
    }
}
