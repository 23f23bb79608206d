package dev.text2pose.dist;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the service's Linux x86-64 distribution, the folder the container image copies: {@code text2pose.jar} and
 * {@code lib/} as the service's build leaves them, with other platforms' native libraries taken out of the jars
 * (ONNX Runtime's Windows CUDA provider alone is 334 MB). The Linux CUDA provider stays: the GPU image needs it.
 *
 * <p>Usage: {@code LinuxX64Distribution SERVICE_TARGET OUTPUT}, where {@code SERVICE_TARGET} holds
 * {@code text2pose.jar} and {@code lib/}. Maven runs it when this module is packaged.
 */
public final class LinuxX64Distribution {

    /** What a build did: the library folder's size before and after, and what was taken out. */
    record Summary(long libBytesBefore, long libBytesAfter, int jarsTrimmed, int entriesRemoved) {
    }

    private LinuxX64Distribution() {
    }

    /** Builds the distribution and prints what it took out. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LinuxX64Distribution SERVICE_TARGET OUTPUT");
        }
        Summary summary = build(Path.of(args[0]), Path.of(args[1]));
        System.out.printf("Linux x86-64 distribution in %s: lib %d MB -> %d MB (%d native libraries of other "
                        + "platforms taken out of %d jars)%n", args[1], summary.libBytesBefore() >> 20,
                summary.libBytesAfter() >> 20, summary.entriesRemoved(), summary.jarsTrimmed());
    }

    /** Replaces {@code output} with {@code service}'s jar and libraries, the libraries trimmed to Linux x86-64. */
    static Summary build(Path service, Path output) throws IOException {
        Path jar = service.resolve("text2pose.jar");
        Path lib = service.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("no text2pose.jar and lib/ in " + service + ": package the service first");
        }
        deleteRecursively(output);
        Files.createDirectories(output.resolve("lib"));
        Files.copy(jar, output.resolve("text2pose.jar"));
        int jarsTrimmed = 0;
        int entriesRemoved = 0;
        for (Path library : jars(lib)) {
            Path copy = Files.copy(library, output.resolve("lib").resolve(library.getFileName()));
            int removed = strip(copy);
            jarsTrimmed += removed > 0 ? 1 : 0;
            entriesRemoved += removed;
        }
        return new Summary(size(lib), size(output.resolve("lib")), jarsTrimmed, entriesRemoved);
    }

    /**
     * Deletes the entries {@link PlatformFilter} does not keep from {@code jar}, in place; returns how many. The zip
     * file system copies the remaining entries' compressed bytes as they are, so nothing is compressed again.
     */
    static int strip(Path jar) throws IOException {
        List<String> foreign;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            foreign = zip.stream().map(ZipEntry::getName).filter(name -> !PlatformFilter.keeps(name)).toList();
        }
        if (!foreign.isEmpty()) {
            try (FileSystem files = FileSystems.newFileSystem(jar)) {
                for (String name : foreign) {
                    Files.delete(files.getPath(name));
                }
            }
        }
        return foreign.size();
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static long size(Path folder) throws IOException {
        long bytes = 0;
        for (Path jar : jars(folder)) {
            bytes += Files.size(jar);
        }
        return bytes;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
