package dev.text2pose.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The four COCO files the trainer reads, found in one directory.
 *
 * <p>Stage 1 reads the train2017 keypoints; stage 2 trains on the train2017 keypoints with the train2017 captions
 * and is evaluated on the val2017 keypoints with the val2017 captions, as in the paper. The train captions are the
 * official {@code captions_train2017} where a user has it, else this project's {@code captions_train2017_partial}
 * (the official captions of part of train2017; see the data README). Each file may be plain ({@code .json}) or
 * gzip ({@code .json.gz}); the plain one wins if both exist, as the likelier to be the user's own copy.
 *
 * @param trainKeypoints {@code person_keypoints_train2017.json[.gz]}
 * @param trainCaptions  {@code captions_train2017.json[.gz]}, else {@code captions_train2017_partial.json[.gz]}
 * @param valKeypoints   {@code person_keypoints_val2017.json[.gz]}
 * @param valCaptions    {@code captions_val2017.json[.gz]}
 */
public record CocoFiles(Path trainKeypoints, Path trainCaptions, Path valKeypoints, Path valCaptions) {

    /** The directory this project keeps the data in, relative to the checkout root. */
    public static final String DEFAULT_RELATIVE_DIRECTORY = "../shared/data/coco";

    private static final List<String> SUFFIXES = List.of(".json", ".json.gz");

    /**
     * Finds the four files in {@code directory}.
     *
     * @throws NoSuchFileException naming the first file found in no form
     */
    public static CocoFiles in(Path directory) throws IOException {
        return new CocoFiles(find(directory, "person_keypoints_train2017"),
                find(directory, "captions_train2017", "captions_train2017_partial"),
                find(directory, "person_keypoints_val2017"), find(directory, "captions_val2017"));
    }

    /**
     * The default data directory for this process, from its working directory: {@value
     * #DEFAULT_RELATIVE_DIRECTORY} relative to the checkout root, whether the process runs in the root (a CLI) or
     * in a module directory (Surefire forks tests there). Returns the root-relative candidate if neither exists,
     * so error messages name the expected place.
     */
    public static Path defaultDirectory() {
        return defaultDirectory(Path.of("").toAbsolutePath());
    }

    /** As {@link #defaultDirectory()}, for a process started in {@code workingDirectory} (tests state it). */
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

    /** The first of {@code stems}, in order, that exists in either form. */
    private static Path find(Path directory, String... stems) throws NoSuchFileException {
        for (String stem : stems) {
            for (String suffix : SUFFIXES) {
                Path file = directory.resolve(stem + suffix);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new NoSuchFileException(directory.resolve(String.join("|", stems) + ".json[.gz]").toString(), null,
                "COCO annotation file not found");
    }
}
