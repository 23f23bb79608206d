package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readers on hand-made files in the official layout: compression, unknown fields, damaged entries. */
class CocoReadersTest {

    @TempDir
    Path dir;

    private final CocoFixture fixture = new CocoFixture().image(1, 640, 480).person(1, 10).crowd(1)
            .rawAnnotation("{\"image_id\": 1, \"category_id\": 1, \"keypoints\": \"oops\", \"bbox\": null}");

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        KeypointAnnotations plain = KeypointFileReader.read(
                CocoFixture.write(dir.resolve("a.json"), fixture.keypointJson(), false));
        // Gzip bytes under a plain .json name: detection must look at the magic bytes.
        KeypointAnnotations gzip = KeypointFileReader.read(
                CocoFixture.write(dir.resolve("b.json"), fixture.keypointJson(), true));
        assertEquals(plain.annotations().size(), gzip.annotations().size());
        assertArrayEquals(plain.annotations().get(0).keypoints(), gzip.annotations().get(0).keypoints());
        assertEquals(plain.images(), gzip.images());
    }

    @Test
    void readsTheFieldsItNeedsAndSkipsTheRest() throws IOException {
        KeypointAnnotations file = KeypointFileReader.read(
                CocoFixture.write(dir.resolve("k.json.gz"), fixture.keypointJson(), true));
        assertEquals(1, file.images().size());
        assertEquals(new CocoImage(1L, 640, 480), file.images().get(0));
        assertEquals(3, file.annotations().size());
        CocoPerson person = file.annotations().get(0);
        assertEquals(1L, person.imageId());
        assertFalse(person.crowd());
        assertEquals(51, person.keypoints().length);
        assertEquals(50f, person.keypoints()[0]);
        assertArrayEquals(new float[] {40, 50, 100, 120}, person.bbox());
        assertTrue(file.annotations().get(1).crowd());
        assertEquals(Set.of(1), file.personCategoryIds());
    }

    @Test
    void mistypedFieldsReadAsAbsent() throws IOException {
        KeypointAnnotations file = KeypointFileReader.read(
                CocoFixture.write(dir.resolve("k.json"), fixture.keypointJson(), false));
        CocoPerson damaged = file.annotations().get(2);
        assertNull(damaged.keypoints());
        assertNull(damaged.bbox());
        assertEquals(1, damaged.categoryId());
    }

    @Test
    void captionsAreReadAndStripped() throws IOException {
        String json = new CocoFixture().image(7, 10, 10).caption(7, "  A man on a horse.\\n")
                .rawCaption("{\"image_id\": 7, \"id\": 2}").captionJson();
        CaptionAnnotations file = CaptionFileReader.read(CocoFixture.write(dir.resolve("c.json"), json, false));
        assertEquals(2, file.captions().size());
        assertEquals(new CocoCaption(7L, "A man on a horse."), file.captions().get(0));
        assertNull(file.captions().get(1).text());
        assertEquals(7L, file.images().get(0).id());
    }

    @Test
    void brokenJsonFailsNamingTheFile() throws IOException {
        Path file = CocoFixture.write(dir.resolve("broken.json"), "{\"images\": [{\"id\": 1,", false);
        IOException e = assertThrows(IOException.class, () -> KeypointFileReader.read(file));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        Path array = CocoFixture.write(dir.resolve("array.json"), "[1, 2]", false);
        IOException notObject = assertThrows(IOException.class, () -> CaptionFileReader.read(array));
        assertTrue(notObject.getMessage().contains("array.json"), notObject.getMessage());
    }

    @Test
    void fileWithoutCategoriesAssumesCocoPersonId() throws IOException {
        Path file = CocoFixture.write(dir.resolve("nocat.json"), "{\"images\": [], \"annotations\": []}", false);
        assertEquals(Set.of(1), KeypointFileReader.read(file).personCategoryIds());
    }
}
