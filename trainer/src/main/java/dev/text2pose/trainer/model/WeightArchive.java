package dev.text2pose.trainer.model;

import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * @throws IllegalArgumentException when a tensor of the file has another shape than the network's: libtorch
     *                                  replaces a tensor with the archive's whatever its shape, so a file of another
     *                                  width or text length would otherwise load and fail later, or not at all
     * @throws RuntimeException         from libtorch when the file is missing one of the network's names
     */
    public static void load(Module network, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no weight archive at " + file));
        }
        Map<String, List<Long>> expected = shapes(network);
        try (InputArchive archive = new InputArchive()) {
            archive.load_from(file.toString());
            network.load(archive);
        }
        Map<String, List<Long>> loaded = shapes(network);
        expected.forEach((name, shape) -> {
            if (!shape.equals(loaded.get(name))) {
                throw new IllegalArgumentException(file + " holds " + name + " of shape " + loaded.get(name)
                        + ", the network's is " + shape + ": weights of another network or variant");
            }
        });
    }

    /** Every parameter's and buffer's shape by name. */
    private static Map<String, List<Long>> shapes(Module network) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (StringTensorDict dict : new StringTensorDict[] {network.named_parameters(), network.named_buffers()}) {
            for (long i = 0; i < dict.size(); i++) {
                StringTensorDictItem item = dict.get(i);
                shapes.put(item.key().getString(), Arrays.stream(item.value().sizes().vec().get()).boxed().toList());
            }
        }
        return shapes;
    }
}
