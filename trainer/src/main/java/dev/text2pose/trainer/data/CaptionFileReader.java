package dev.text2pose.trainer.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a COCO {@code captions_*.json} file (plain or gzip) into {@link CaptionAnnotations}.
 *
 * <p>Lenient in the same way as {@link KeypointFileReader}: unknown fields are skipped, sections may come in any
 * order, and a damaged caption is kept with its gaps as {@code null} for the rules to count.
 */
final class CaptionFileReader {

    private CaptionFileReader() {
    }

    /**
     * Reads the file at {@code path}.
     *
     * @throws IOException if the file cannot be read or is not a JSON object; the message names the file
     */
    static CaptionAnnotations read(Path path) throws IOException {
        List<CocoImage> images = new ArrayList<>();
        List<CocoCaption> captions = new ArrayList<>();
        try (JsonParser parser = CocoInput.open(path)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("top level is not a JSON object");
            }
            for (String section = CocoInput.nextField(parser); section != null; section = CocoInput.nextField(parser)) {
                switch (section) {
                    case "images" -> CocoInput.forEachObject(parser, p -> images.add(KeypointFileReader.readImage(p)));
                    case "annotations" -> CocoInput.forEachObject(parser, p -> captions.add(readCaption(p)));
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read COCO captions from " + path + ": " + e.getMessage(), e);
        }
        return new CaptionAnnotations(path.toString(), images, captions);
    }

    private static CocoCaption readCaption(JsonParser parser) throws IOException {
        Long imageId = null;
        String text = null;
        for (String field = CocoInput.nextField(parser); field != null; field = CocoInput.nextField(parser)) {
            switch (field) {
                case "image_id" -> imageId = CocoInput.longOrNull(parser);
                case "caption" -> text = CocoInput.textOrNull(parser);
                default -> parser.skipChildren();
            }
        }
        return new CocoCaption(imageId, text == null ? null : text.strip());
    }
}
