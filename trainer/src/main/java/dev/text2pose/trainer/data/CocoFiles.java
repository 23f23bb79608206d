package dev.text2pose.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The three COCO files the trainer reads, found in one directory.
 *
 * <p>Stage 1 reads the train2017 keypoints; stage 2 reads the val2017 keypoints with the val2017 captions, because
 * this project's data has captions for val2017 only (see the data README). Each file may be plain
 * ({@code .json}) or gzip ({@code .json.gz}); the plain one wins if both exist, as the likelier to be the user's
 * own copy of the official file.
 *
 * @param trainKeypoints {@code person_keypoints_train2017.json[.gz]}
 * @param valKeypoints   {@code person_keypoints_val2017.json[.gz]}
 * @param valCaptions    {@code captions_val2017.json[.gz]}
 */
public record CocoFiles(Path trainKeypoints, Path valKeypoints, Path valCaptions) {

    /** The directory this project keeps the data in, relative to the checkout root. */
    public static final String DEFAULT_RELATIVE_DIRECTORY = "../shared/data/coco";

    /**
     * Finds the three files in {@code directory}.
     *
     * @throws NoSuchFileException naming the first file found in neither form
     */
    public static CocoFiles in(Path directory) throws IOException {
        return new CocoFiles(find(directory, "person_keypoints_train2017"),
                find(directory, "person_keypoints_val2017"), find(directory, "captions_val2017"));
    }

    /**
     * The default data directory for a process started in {@code workingDirectory}: {@value
     * #DEFAULT_RELATIVE_DIRECTORY} relative to the checkout root, whether the process runs in the root (a CLI) or
     * in a module directory (Surefire forks tests there). Returns the root-relative candidate if neither exists,
     * so error messages name the expected place.
     */
    public static Path defaultDirectory(Path workingDirectory) {
        Path fromRoot = workingDirectory.resolve(DEFAULT_RELATIVE_DIRECTORY).normalize();
        Path fromModule = workingDirectory.resolve("..").resolve(DEFAULT_RELATIVE_DIRECTORY).normalize();
        for (Path candidate : List.of(fromRoot, fromModule)) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fromRoot;
    }

    private static Path find(Path directory, String stem) throws NoSuchFileException {
        for (String suffix : List.of(".json", ".json.gz")) {
            Path file = directory.resolve(stem + suffix);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new NoSuchFileException(directory.resolve(stem + ".json[.gz]").toString(), null,
                "COCO annotation file not found");
    }
}
