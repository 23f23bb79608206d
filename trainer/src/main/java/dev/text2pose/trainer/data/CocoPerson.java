package dev.text2pose.trainer.data;

/**
 * One entry of a COCO keypoint file's {@code annotations} list, as read and not yet judged.
 *
 * <p>Fields the file lacks are {@code null} rather than a reader error, so that {@link DatasetBuilder} can count
 * them per reason and go on. Arrays are kept as read (no length check) for the same reason. The record is
 * internal to the data package; nothing outside sees raw annotations.
 *
 * @param imageId    {@code image_id}, or {@code null} if missing
 * @param categoryId {@code category_id}, or {@code null} if missing
 * @param crowd      {@code iscrowd == 1}; a missing {@code iscrowd} means not crowd, as in COCO's own API
 * @param keypoints  {@code keypoints} as read (51 numbers if well formed), or {@code null} if missing
 * @param bbox       {@code bbox} as read ({@code [x, y, w, h]} if well formed), or {@code null} if missing
 */
record CocoPerson(Long imageId, Integer categoryId, boolean crowd, float[] keypoints, float[] bbox) {
}
