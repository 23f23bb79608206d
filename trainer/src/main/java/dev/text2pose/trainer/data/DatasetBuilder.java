package dev.text2pose.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's two selection rules, applied to what the readers read.
 *
 * <ul>
 *   <li>Stage 1: every usable person with more than 7 labelled keypoints, one sample each.</li>
 *   <li>Stage 2: every image with exactly one person annotation (counted as annotated: crowd regions, persons
 *       without keypoints and damaged persons included), where that person is usable, with all the image's
 *       captions.</li>
 * </ul>
 * Counting every annotation for "exactly one" is what makes the rule safe on the official files: an image whose
 * second person is a crowd or has no keypoints is a group photo, and its captions may well describe the others.
 * Annotation counts in the report cover the whole file in both stages, so bad data is visible wherever it is.
 */
final class DatasetBuilder {

    private DatasetBuilder() {
    }

    /** Applies the stage-1 rule; throws {@link NoUsableDataException} if no person is kept. */
    static PoseDataset stage1(KeypointAnnotations file) {
        Map<SkipReason, Integer> tally = PersonRules.newTally();
        Map<Long, CocoImage> images = PersonRules.usableImages(file.images(), tally);
        List<FramePose> poses = new ArrayList<>();
        for (CocoPerson annotation : file.annotations()) {
            SkipReason reason = PersonRules.judge(annotation, file.isPerson(annotation), images);
            if (reason == null) {
                poses.add(PersonRules.normalize(annotation));
            } else {
                PersonRules.count(tally, reason);
            }
        }
        DataReport report = new DataReport("stage 1 (unconditional) from " + file.source(), file.images().size(),
                file.annotations().size(), 0, poses.size(), 0, SkipReason.STAGE_1, tally);
        if (poses.isEmpty()) {
            throw new NoUsableDataException(report);
        }
        return new PoseDataset(poses, report);
    }

    /** Applies the stage-2 rule; throws {@link NoUsableDataException} if no image is kept. */
    static CaptionedPoseDataset stage2(KeypointAnnotations keypoints, CaptionAnnotations captions) {
        Map<SkipReason, Integer> tally = PersonRules.newTally();
        Map<Long, CocoImage> images = PersonRules.usableImages(keypoints.images(), tally);
        Map<Long, Integer> personsPerImage = new HashMap<>();
        Map<Long, CocoPerson> usablePerson = new HashMap<>();
        for (CocoPerson annotation : keypoints.annotations()) {
            boolean isPerson = keypoints.isPerson(annotation);
            if (isPerson && annotation.imageId() != null) {
                personsPerImage.merge(annotation.imageId(), 1, Integer::sum);
            }
            SkipReason reason = PersonRules.judge(annotation, isPerson, images);
            if (reason == null) {
                usablePerson.put(annotation.imageId(), annotation);
            } else {
                PersonRules.count(tally, reason);
            }
        }
        Map<Long, List<String>> captionsByImage = captionsByImage(keypoints, captions, tally);
        List<CaptionedPose> samples = new ArrayList<>();
        for (long imageId : images.keySet().stream().sorted().toList()) {
            SkipReason reason = singlePersonRule(personsPerImage.getOrDefault(imageId, 0),
                    usablePerson.get(imageId), captionsByImage.get(imageId));
            if (reason == null) {
                samples.add(new CaptionedPose(imageId, PersonRules.normalize(usablePerson.get(imageId)),
                        captionsByImage.get(imageId)));
            } else {
                PersonRules.count(tally, reason);
            }
        }
        int pairs = samples.stream().mapToInt(s -> s.captions().size()).sum();
        DataReport report = new DataReport("stage 2 (conditional) from " + keypoints.source() + " + "
                + captions.source(), keypoints.images().size(),
                keypoints.annotations().size(), captions.captions().size(), samples.size(), pairs, SkipReason.STAGE_2,
                tally);
        if (samples.isEmpty()) {
            throw new NoUsableDataException(report);
        }
        return new CaptionedPoseDataset(samples, report);
    }

    /** Why an image fails the stage-2 rule, or {@code null} if it passes. */
    private static SkipReason singlePersonRule(int persons, CocoPerson usable, List<String> captions) {
        if (persons == 0) {
            return SkipReason.NO_PERSON;
        }
        if (persons > 1) {
            return SkipReason.MULTI_PERSON;
        }
        if (usable == null) {
            return SkipReason.PERSON_UNUSABLE;
        }
        return captions == null ? SkipReason.NO_CAPTIONS : null;
    }

    /**
     * Captions grouped by image id, in file order. An image is known if either file lists it: captions of images
     * without people are normal and simply unused, while a caption of an image listed nowhere is bad data.
     */
    private static Map<Long, List<String>> captionsByImage(KeypointAnnotations keypoints, CaptionAnnotations captions,
                                                           Map<SkipReason, Integer> tally) {
        Set<Long> known = new HashSet<>();
        keypoints.images().forEach(i -> known.add(i.id()));
        captions.images().forEach(i -> known.add(i.id()));
        Map<Long, List<String>> byImage = new HashMap<>();
        for (CocoCaption caption : captions.captions()) {
            if (caption.imageId() == null || caption.text() == null || caption.text().isEmpty()) {
                PersonRules.count(tally, SkipReason.CAPTION_MISSING_FIELD);
            } else if (!known.contains(caption.imageId())) {
                PersonRules.count(tally, SkipReason.CAPTION_UNKNOWN_IMAGE);
            } else {
                byImage.computeIfAbsent(caption.imageId(), id -> new ArrayList<>()).add(caption.text());
            }
        }
        return byImage;
    }
}
