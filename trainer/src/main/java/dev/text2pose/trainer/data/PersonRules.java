package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges single COCO records: which images can be used and whether one annotation is a usable person.
 *
 * <p>Kept apart from the two stage rules in {@link DatasetBuilder} because both stages judge persons the same way;
 * only what they do with the verdicts differs. Every check is a plain condition on one record, in the order of
 * {@link SkipReason}, so a record's reason is the first that applies.
 */
final class PersonRules {

    /** The paper keeps persons with more than this many labelled keypoints. */
    static final int MIN_LABELLED_EXCLUSIVE = 7;

    private static final int VALUES = 3 * CocoKeypoints.COUNT;

    private PersonRules() {
    }

    /** Adds one to {@code reason}'s count. */
    static void count(Map<SkipReason, Integer> tally, SkipReason reason) {
        tally.merge(reason, 1, Integer::sum);
    }

    /** A fresh count per reason. */
    static Map<SkipReason, Integer> newTally() {
        return new EnumMap<>(SkipReason.class);
    }

    /**
     * The images that have an id and a positive size, by id in file order; the rest are counted in
     * {@code tally}. Persons of a left-out image are later counted as {@link SkipReason#UNKNOWN_IMAGE}, because
     * without the image size their keypoints cannot be checked.
     */
    static Map<Long, CocoImage> usableImages(List<CocoImage> images, Map<SkipReason, Integer> tally) {
        Map<Long, CocoImage> byId = new LinkedHashMap<>();
        for (CocoImage image : images) {
            if (image.id() == null || !image.hasSize()) {
                count(tally, SkipReason.IMAGE_MISSING_FIELD);
            } else if (byId.putIfAbsent(image.id(), image) != null) {
                count(tally, SkipReason.DUPLICATE_IMAGE);
            }
        }
        return byId;
    }

    /**
     * Why {@code annotation} is not a usable person, or {@code null} if it is one.
     *
     * @param isPerson whether its category is person (see {@link KeypointAnnotations#isPerson})
     * @param images   the usable images by id
     */
    static SkipReason judge(CocoPerson annotation, boolean isPerson, Map<Long, CocoImage> images) {
        if (!isPerson) {
            return annotation.categoryId() == null ? SkipReason.MISSING_FIELD : SkipReason.NOT_PERSON;
        }
        if (annotation.crowd()) {
            return SkipReason.CROWD;
        }
        if (annotation.imageId() == null || annotation.keypoints() == null || annotation.bbox() == null) {
            return SkipReason.MISSING_FIELD;
        }
        if (!wellFormed(annotation.keypoints())) {
            return SkipReason.KEYPOINTS_MALFORMED;
        }
        if (!validBbox(annotation.bbox())) {
            return SkipReason.BBOX_INVALID;
        }
        CocoImage image = images.get(annotation.imageId());
        if (image == null) {
            return SkipReason.UNKNOWN_IMAGE;
        }
        if (!insideImage(annotation.keypoints(), image)) {
            return SkipReason.KEYPOINT_OUTSIDE_IMAGE;
        }
        return labelledCount(annotation.keypoints()) > MIN_LABELLED_EXCLUSIVE ? null : SkipReason.TOO_FEW_KEYPOINTS;
    }

    /** The person of a usable annotation in the 64 frame. */
    static FramePose normalize(CocoPerson annotation) {
        return PoseNormalizer.normalize(annotation.keypoints(), annotation.bbox());
    }

    private static boolean wellFormed(float[] keypoints) {
        if (keypoints.length != VALUES) {
            return false;
        }
        for (int i = 0; i < VALUES; i += 3) {
            float v = keypoints[i + 2];
            if (!Float.isFinite(keypoints[i]) || !Float.isFinite(keypoints[i + 1]) || (v != 0 && v != 1 && v != 2)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validBbox(float[] bbox) {
        return bbox.length == 4 && Float.isFinite(bbox[0]) && Float.isFinite(bbox[1])
                && Float.isFinite(bbox[2]) && Float.isFinite(bbox[3]) && bbox[2] > 0 && bbox[3] > 0;
    }

    /** Bounds are inclusive: COCO puts keypoints on the last pixel edge ({@code x == width}) of real images. */
    private static boolean insideImage(float[] keypoints, CocoImage image) {
        for (int i = 0; i < VALUES; i += 3) {
            if (keypoints[i + 2] > 0 && (keypoints[i] < 0 || keypoints[i] > image.width()
                    || keypoints[i + 1] < 0 || keypoints[i + 1] > image.height())) {
                return false;
            }
        }
        return true;
    }

    private static int labelledCount(float[] keypoints) {
        int n = 0;
        for (int i = 2; i < VALUES; i += 3) {
            n += keypoints[i] > 0 ? 1 : 0;
        }
        return n;
    }
}
