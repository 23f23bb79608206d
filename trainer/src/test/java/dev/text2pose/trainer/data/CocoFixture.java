package dev.text2pose.trainer.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;

/** Builds tiny COCO JSON files for tests, in the official layout, with room for damaged entries. */
final class CocoFixture {

    private final List<String> images = new ArrayList<>();
    private final List<String> annotations = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();

    /** An image entry with the fields the official files carry, unknown ones included. */
    CocoFixture image(long id, int width, int height) {
        return rawImage("{\"id\": " + id + ", \"width\": " + width + ", \"height\": " + height
                + ", \"file_name\": \"" + id + ".jpg\", \"license\": 3, \"coco_url\": \"http://x/" + id + "\"}");
    }

    CocoFixture rawImage(String json) {
        images.add(json);
        return this;
    }

    /** A person of {@code labelled} labelled keypoints at (50 + 5i, 60 + 4i), bbox (40, 50, 100, 120). */
    CocoFixture person(long imageId, int labelled) {
        return rawAnnotation("{\"segmentation\": [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]], \"num_keypoints\": " + labelled
                + ", \"area\": 1234.5, \"iscrowd\": 0, \"keypoints\": " + keypoints(labelled, 50, 60)
                + ", \"image_id\": " + imageId + ", \"bbox\": [40.0, 50.0, 100.0, 120.0], \"category_id\": 1, "
                + "\"id\": " + (annotations.size() + 1) + "}");
    }

    /** A crowd region as COCO writes it: RLE segmentation, all keypoints zero. */
    CocoFixture crowd(long imageId) {
        return rawAnnotation("{\"segmentation\": {\"counts\": [0, 5, 10, 5], \"size\": [480, 640]}, "
                + "\"num_keypoints\": 0, \"area\": 50.0, \"iscrowd\": 1, \"keypoints\": " + keypoints(0, 0, 0)
                + ", \"image_id\": " + imageId + ", \"bbox\": [1, 2, 30, 40], \"category_id\": 1, \"id\": 9" + "}");
    }

    CocoFixture rawAnnotation(String json) {
        annotations.add(json);
        return this;
    }

    CocoFixture caption(long imageId, String text) {
        return rawCaption("{\"image_id\": " + imageId + ", \"id\": " + (captions.size() + 1) + ", \"caption\": \""
                + text + "\"}");
    }

    CocoFixture rawCaption(String json) {
        captions.add(json);
        return this;
    }

    /** The 51 keypoint numbers: the first {@code labelled} at (x0 + 5i, y0 + 4i) with v = 2, the rest 0. */
    static String keypoints(int labelled, int x0, int y0) {
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < 17; i++) {
            boolean on = i < labelled;
            values.add(on ? String.valueOf(x0 + 5 * i) : "0").add(on ? String.valueOf(y0 + 4 * i) : "0")
                    .add(on ? "2" : "0");
        }
        return values.toString();
    }

    /** A keypoint file: info and licenses first, annotations before images, categories with two entries. */
    String keypointJson() {
        return "{\"info\": {\"year\": 2017}, \"licenses\": [{\"id\": 1, \"name\": \"x\"}], \"annotations\": "
                + list(annotations) + ", \"images\": " + list(images) + ", \"categories\": [{\"supercategory\": "
                + "\"person\", \"id\": 1, \"name\": \"person\", \"keypoints\": [\"nose\"], \"skeleton\": [[1, 2]]},"
                + " {\"supercategory\": \"vehicle\", \"id\": 2, \"name\": \"bicycle\"}]}";
    }

    String captionJson() {
        return "{\"info\": {}, \"images\": " + list(images) + ", \"annotations\": " + list(captions) + "}";
    }

    static Path write(Path file, String json, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static String list(List<String> entries) {
        return "[" + String.join(", ", entries) + "]";
    }
}
