package dev.text2pose.trainer.data;

import java.util.List;

/**
 * The parts of a COCO {@code captions_*.json} file the pipeline uses, as read and not yet judged.
 *
 * @param source   where it was read from, for reports and error messages
 * @param images   the {@code images} list in file order (only ids matter: they tell a caption of an image without
 *                 people, which is normal, from a caption of an image that exists nowhere, which is bad data)
 * @param captions the {@code annotations} list in file order
 */
record CaptionAnnotations(String source, List<CocoImage> images, List<CocoCaption> captions) {

    CaptionAnnotations {
        images = List.copyOf(images);
        captions = List.copyOf(captions);
    }
}
