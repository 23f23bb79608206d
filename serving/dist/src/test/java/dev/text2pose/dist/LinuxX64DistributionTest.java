package dev.text2pose.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxX64DistributionTest {

    private static final String LINUX = "ai/onnxruntime/native/linux-x64/libonnxruntime.so";
    private static final String WINDOWS = "ai/onnxruntime/native/win-x64/onnxruntime.dll";
    private static final String CLASS = "ai/onnxruntime/OrtSession.class";

    @Test
    void copiesTheJarAndTakesOtherPlatformsNativesOutOfTheLibraries(@TempDir Path dir) throws IOException {
        Path service = dir.resolve("service");
        Files.createDirectories(service.resolve("lib"));
        jar(service.resolve("text2pose.jar"), "Main.class");
        jar(service.resolve("lib/onnxruntime.jar"), LINUX, WINDOWS, CLASS);
        jar(service.resolve("lib/plain.jar"), "a/B.class");
        Path output = dir.resolve("dist");
        Files.createDirectories(output.resolve("lib"));
        Files.writeString(output.resolve("lib/stale-1.0.jar"), "from an earlier build");

        LinuxX64Distribution.Summary summary = LinuxX64Distribution.build(service, output);

        assertEquals(List.of(LINUX, CLASS), names(output.resolve("lib/onnxruntime.jar")));
        assertEquals(List.of("a/B.class"), names(output.resolve("lib/plain.jar")));
        assertEquals(List.of("Main.class"), names(output.resolve("text2pose.jar")));
        try (Stream<Path> lib = Files.list(output.resolve("lib"))) {
            assertEquals(List.of("onnxruntime.jar", "plain.jar"), lib.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "stale jars are gone");
        }
        try (ZipFile zip = new ZipFile(output.resolve("lib/onnxruntime.jar").toFile())) {
            assertArrayEquals(content(LINUX), zip.getInputStream(zip.getEntry(LINUX)).readAllBytes());
        }
        assertEquals(1, summary.jarsTrimmed());
        assertEquals(1, summary.entriesRemoved());
        assertTrue(summary.libBytesBefore() > summary.libBytesAfter(), summary.toString());
    }

    @Test
    void saysWhatIsMissingWhenTheServiceIsNotPackaged(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LinuxX64Distribution.build(dir, dir.resolve("dist")));
        assertEquals("no text2pose.jar and lib/ in " + dir + ": package the service first", e.getMessage());
    }

    private static void jar(Path file, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(content(entry));
                zip.closeEntry();
            }
        }
    }

    /** Distinct, compressible bytes per entry, so that a mixed-up or re-encoded entry shows. */
    private static byte[] content(String entry) {
        return (entry + " ").repeat(200).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
