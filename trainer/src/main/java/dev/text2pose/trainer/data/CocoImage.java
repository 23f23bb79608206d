package dev.text2pose.trainer.data;

/**
 * One entry of a COCO file's {@code images} list, as read: only the fields the pipeline uses.
 *
 * <p>The fields are boxed because a damaged file may lack them; the reader keeps such an entry so that the rules
 * can count it as bad data instead of the reader failing.
 *
 * @param id     the image id that annotations and captions refer to, or {@code null} if the entry has none
 * @param width  image width in pixels, or {@code null} if the entry has none
 * @param height image height in pixels, or {@code null} if the entry has none
 */
record CocoImage(Long id, Integer width, Integer height) {

    /** Whether both dimensions are present and positive, so keypoints can be checked against them. */
    public boolean hasSize() {
        return width != null && height != null && width > 0 && height > 0;
    }
}
