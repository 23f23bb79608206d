package dev.text2pose.trainer.data;

import java.util.List;
import java.util.Set;

/**
 * The parts of a COCO {@code person_keypoints_*.json} file the pipeline uses, as read and not yet judged.
 *
 * @param source            where it was read from, for reports and error messages
 * @param images            the {@code images} list in file order
 * @param annotations       the {@code annotations} list in file order, every category and crowd included, so that
 *                          the stage-2 rule can count every person annotated in an image
 * @param personCategoryIds ids of the categories named {@code person}; {@code {1}} (COCO's id) if the file has no
 *                          {@code categories} list
 */
record KeypointAnnotations(String source, List<CocoImage> images, List<CocoPerson> annotations,
                           Set<Integer> personCategoryIds) {

    KeypointAnnotations {
        images = List.copyOf(images);
        annotations = List.copyOf(annotations);
        personCategoryIds = Set.copyOf(personCategoryIds);
    }

    /** Whether an annotation is of the person category (a missing category is not). */
    boolean isPerson(CocoPerson annotation) {
        return annotation.categoryId() != null && personCategoryIds.contains(annotation.categoryId());
    }
}
