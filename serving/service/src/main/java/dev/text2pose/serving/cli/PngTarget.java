package dev.text2pose.serving.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a PNG can be written at a path, checked before a demo spends its time on Kafka and the model. */
final class PngTarget {

    private PngTarget() {
    }

    /**
     * Passes when {@code png} is a writable file or can be created: its nearest existing ancestor is a writable
     * folder (missing folders below it are created when the PNG is written).
     *
     * @throws CommandFailure naming the path that is in the way
     */
    static void check(Path png) {
        Path file = png.toAbsolutePath();
        if (Files.isDirectory(file) || (Files.exists(file) && !Files.isWritable(file))) {
            throw failure(png, file + " is a folder or not writable");
        }
        Path ancestor = file.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw failure(png, ancestor + " is not a writable folder");
        }
    }

    private static CommandFailure failure(Path png, String reason) {
        return new CommandFailure("cannot write the PNG to " + png + ": " + reason,
                "Give --png a file in a writable folder, e.g. --png " + Path.of(System.getProperty("java.io.tmpdir"),
                        "pose.png") + ".");
    }
}
