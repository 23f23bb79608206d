package dev.text2pose.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrtUnpackFolderTest {

    @TempDir
    Path dir;

    @Test
    void theFolderIsWhereTheMemoryMapSaysTheJniLibraryCameFrom() throws IOException {
        Path maps = dir.resolve("maps");
        Files.writeString(maps, """
                7f1c2a000000-7f1c2a200000 r-xp 00000000 fd:01 1234 /tmp/onnxruntime-java42/libonnxruntime.so
                7f1c2b000000-7f1c2b010000 r-xp 00000000 fd:01 1235 /tmp/onnxruntime-java42/libonnxruntime4j_jni.so
                7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0 [stack]
                """);
        assertEquals(Optional.of(Path.of("/tmp/onnxruntime-java42")), OrtUnpackFolder.loadedFrom(maps));
    }

    @Test
    void noMapOrNoOnnxRuntimeInItIsNoFolder() throws IOException {
        Path maps = dir.resolve("maps");
        Files.writeString(maps, "7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0 [stack]\n");
        assertEquals(Optional.empty(), OrtUnpackFolder.loadedFrom(maps));
        assertEquals(Optional.empty(), OrtUnpackFolder.loadedFrom(dir.resolve("absent")));
    }
}
