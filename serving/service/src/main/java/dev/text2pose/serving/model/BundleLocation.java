package dev.text2pose.serving.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the served bundle comes from: a file, or a folder whose newest {@code .onnx} file (by modification time, then
 * name) is the bundle to serve. A version, in that sense, is "what the path shows now": dropping a new file in the
 * folder (or replacing the file) is how a new model is deployed.
 */
public final class BundleLocation {

    /** A bundle file as last seen: a change of any field means a new candidate. */
    public record Seen(Path path, long size, long modifiedMillis) {
    }

    private final Path watched;

    public BundleLocation(Path watched) {
        this.watched = watched;
    }

    public Path watched() {
        return watched;
    }

    /**
     * The bundle the location shows now.
     *
     * @return empty when the file is missing or the folder holds no {@code .onnx} file
     */
    public Optional<Seen> current() {
        if (Files.isDirectory(watched)) {
            try (Stream<Path> files = Files.list(watched)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
                        .map(BundleLocation::seen).flatMap(Optional::stream)
                        .max(Comparator.comparingLong(Seen::modifiedMillis).thenComparing(s -> s.path().getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list model folder " + watched, e);
            }
        }
        return seen(watched);
    }

    private static Optional<Seen> seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Seen(file, attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }
}
