package dev.text2pose.trainer.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a COCO {@code person_keypoints_*.json} file (plain or gzip) into {@link KeypointAnnotations}.
 *
 * <p>Made to take the official files unchanged: unknown fields (segmentation, area, licenses, info) are skipped
 * without being built, the sections may come in any order, and annotations of every category are kept for the rules
 * to sort out. Nothing is judged here; a damaged entry is read with its gaps as {@code null}. Only a file that is not
 * JSON, or whose top level is not an object, fails.
 */
final class KeypointFileReader {

    /** COCO's id for the person category, assumed when a file has no {@code categories} list to say so. */
    private static final int COCO_PERSON_CATEGORY = 1;

    private KeypointFileReader() {
    }

    /**
     * Reads the file at {@code path}.
     *
     * @throws IOException if the file cannot be read or is not a JSON object; the message names the file
     */
    static KeypointAnnotations read(Path path) throws IOException {
        List<CocoImage> images = new ArrayList<>();
        List<CocoPerson> annotations = new ArrayList<>();
        Set<Integer> personIds = new HashSet<>();
        boolean sawCategories = false;
        try (JsonParser parser = CocoInput.open(path)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("top level is not a JSON object");
            }
            for (String section = CocoInput.nextField(parser); section != null; section = CocoInput.nextField(parser)) {
                switch (section) {
                    case "images" -> CocoInput.forEachObject(parser, p -> images.add(readImage(p)));
                    case "annotations" -> CocoInput.forEachObject(parser, p -> annotations.add(readPerson(p)));
                    case "categories" -> {
                        sawCategories = true;
                        CocoInput.forEachObject(parser, p -> readPersonCategory(p, personIds));
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read COCO keypoints from " + path + ": " + e.getMessage(), e);
        }
        if (!sawCategories) {
            personIds.add(COCO_PERSON_CATEGORY);
        }
        return new KeypointAnnotations(path.toString(), images, annotations, personIds);
    }

    /** Reads one {@code images} entry; shared with the captions reader, whose entries have the same shape. */
    static CocoImage readImage(JsonParser parser) throws IOException {
        Long id = null;
        Integer width = null;
        Integer height = null;
        for (String field = CocoInput.nextField(parser); field != null; field = CocoInput.nextField(parser)) {
            switch (field) {
                case "id" -> id = CocoInput.longOrNull(parser);
                case "width" -> width = CocoInput.intOrNull(parser);
                case "height" -> height = CocoInput.intOrNull(parser);
                default -> parser.skipChildren();
            }
        }
        return new CocoImage(id, width, height);
    }

    private static CocoPerson readPerson(JsonParser parser) throws IOException {
        Long imageId = null;
        Integer categoryId = null;
        boolean crowd = false;
        float[] keypoints = null;
        float[] bbox = null;
        for (String field = CocoInput.nextField(parser); field != null; field = CocoInput.nextField(parser)) {
            switch (field) {
                case "image_id" -> imageId = CocoInput.longOrNull(parser);
                case "category_id" -> categoryId = CocoInput.intOrNull(parser);
                case "iscrowd" -> crowd = Long.valueOf(1).equals(CocoInput.longOrNull(parser));
                case "keypoints" -> keypoints = CocoInput.floatsOrNull(parser);
                case "bbox" -> bbox = CocoInput.floatsOrNull(parser);
                default -> parser.skipChildren();
            }
        }
        return new CocoPerson(imageId, categoryId, crowd, keypoints, bbox);
    }

    private static void readPersonCategory(JsonParser parser, Set<Integer> personIds) throws IOException {
        Integer id = null;
        String name = null;
        for (String field = CocoInput.nextField(parser); field != null; field = CocoInput.nextField(parser)) {
            switch (field) {
                case "id" -> id = CocoInput.intOrNull(parser);
                case "name" -> name = CocoInput.textOrNull(parser);
                default -> parser.skipChildren();
            }
        }
        if (id != null && "person".equals(name)) {
            personIds.add(id);
        }
    }
}
