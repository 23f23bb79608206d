package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.OutputArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and loads a network's weights by name through libtorch's archives: every parameter and buffer (BatchNorm
 * running statistics included), keyed by its registered path such as {@code deconv1.weight} or
 * {@code norm2.running_var}. The file is libtorch's own format, so a checkpoint written here loads into a network of
 * the same class and variant, and into nothing else.
 */
public final class WeightArchive {

    private WeightArchive() {
    }

    /** Writes all of {@code network}'s parameters and buffers to {@code file}, creating parent directories. */
    public static void save(Module network, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + file, e);
        }
        try (OutputArchive archive = new OutputArchive()) {
            network.save(archive);
            archive.save_to(file.toString());
        }
    }

    /**
     * Reads weights written by {@link #save} into {@code network}, in place.
     *
     * @throws RuntimeException from libtorch when the file is missing or does not match the network's names and shapes
     */
    public static void load(Module network, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no weight archive at " + file));
        }
        try (InputArchive archive = new InputArchive()) {
            archive.load_from(file.toString());
            network.load(archive);
        }
    }
}
