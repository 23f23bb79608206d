package dev.text2pose.serving.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleLocationTest {

    @Test
    void aFolderShowsItsNewestOnnxFile(@TempDir Path dir) throws Exception {
        BundleLocation location = new BundleLocation(dir);
        assertTrue(location.current().isEmpty());
        Path older = write(dir.resolve("b-v1.onnx"), 1_000_000);
        write(dir.resolve("notes.txt"), 3_000_000);
        assertEquals(older, location.current().orElseThrow().path());
        Path newer = write(dir.resolve("a-v2.onnx"), 2_000_000);
        assertEquals(newer, location.current().orElseThrow().path(), "by modification time, not name");
    }

    @Test
    void aFileIsSeenAgainWhenReplaced(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("model.onnx"), 1_000_000);
        BundleLocation location = new BundleLocation(file);
        BundleLocation.Seen first = location.current().orElseThrow();
        write(file, 2_000_000);
        assertNotEquals(first, location.current().orElseThrow());
        Files.delete(file);
        assertTrue(location.current().isEmpty());
    }

    private static Path write(Path file, long modifiedMillis) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
        return file;
    }
}
