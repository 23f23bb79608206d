package dev.text2pose.trainer.data;

/**
 * One entry of a COCO captions file's {@code annotations} list, as read.
 *
 * @param imageId {@code image_id}, or {@code null} if missing
 * @param text    the caption with surrounding whitespace stripped (COCO captions often end in a space or newline,
 *                which would otherwise make equal captions embed and cache as different texts), or {@code null}
 *                if missing
 */
record CocoCaption(Long imageId, String text) {
}
