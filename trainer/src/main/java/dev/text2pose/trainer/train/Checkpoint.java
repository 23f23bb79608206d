package dev.text2pose.trainer.train;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.OutputArchive;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.trainer.model.WeightArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's resumable state, one folder ({@value #FOLDER}) in its output folder: the config beside the weights, as
 * nanoGPT does, plus both networks, both Adam states, the EMA generator when there is one, and the step. No random
 * state: every draw is a function of the seed and the step ({@link RunRandom}), so the step is all a resume needs.
 *
 * <p>A save writes a sibling {@code checkpoint.partial} folder and then swaps it in with two renames, so an
 * interrupted save leaves the previous checkpoint (as {@code checkpoint} or, between the renames,
 * {@code checkpoint.previous}) intact; {@link #in(Path)} finds either.
 *
 * @param config      the run's effective config
 * @param step        generator updates done
 * @param textDim     length of the text vector the networks take; 0 when unconditional
 * @param wallSeconds training wall time so far, over all resumed pieces
 * @param dataHash    hash of the training data ({@code DatasetHash})
 * @param codeVersion git revision of the code that wrote it
 * @param encoder     the text encoder whose vectors it was trained on; {@code null} when unconditional, and in
 *                    checkpoints written before encoders were recorded
 */
public record Checkpoint(TrainConfig config, long step, int textDim, double wallSeconds, String dataHash,
                         String codeVersion, EncoderFingerprint encoder) {

    /** The folder name inside a run's output folder. */
    public static final String FOLDER = "checkpoint";
    /** The generator being trained (raw, not averaged). */
    public static final String GENERATOR = "generator.pt";
    /** The EMA generator, present when {@code emaDecay > 0}. */
    public static final String GENERATOR_EMA = "generator-ema.pt";
    /** The critic. */
    public static final String CRITIC = "critic.pt";
    static final String GENERATOR_ADAM = "generator-adam.pt";
    static final String CRITIC_ADAM = "critic-adam.pt";
    static final String CONFIG = "config.properties";

    /**
     * Config keys added after checkpoints were shipped, with the value that reproduces what the code did before
     * them, so older checkpoints still read (the kept flow weights, trained with caption noise before it was a key,
     * state theirs). Any other missing or unknown key is refused.
     */
    private static final Map<String, String> ADDED_KEYS = Map.of("autocastBf16", "false", "captionNoise", "0.0");
    static final String STATE = "state.properties";
    private static final String ENCODER = "textEncoder";

    /** The checkpoint folder of output folder {@code output}; throws UncheckedIOException when there is none. */
    public static Path in(Path output) {
        for (String name : List.of(FOLDER, FOLDER + ".previous")) {
            Path folder = output.resolve(name);
            if (Files.isRegularFile(folder.resolve(STATE))) {
                return folder;
            }
        }
        throw new UncheckedIOException(new IOException("no checkpoint in " + output));
    }

    /** {@code path} itself when it is a checkpoint folder, otherwise the checkpoint of the run folder {@code path}. */
    public static Path resolve(Path path) {
        return Files.isRegularFile(path.resolve(STATE)) ? path : in(path);
    }

    /** Reads the config and state of the checkpoint folder {@code folder} (not the weights). */
    public static Checkpoint read(Path folder) {
        Map<String, String> state = readProperties(folder.resolve(STATE));
        Map<String, String> config = new LinkedHashMap<>(readProperties(folder.resolve(CONFIG)));
        ADDED_KEYS.forEach(config::putIfAbsent);
        if (!config.keySet().equals(new java.util.HashSet<>(ConfigCodec.keys()))) {
            throw new IllegalArgumentException("config of " + folder + " has keys " + config.keySet()
                    + ", this code expects " + ConfigCodec.keys());
        }
        TrainConfig base = TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP);
        return new Checkpoint(ConfigCodec.with(base, config), Long.parseLong(state.get("step")),
                Integer.parseInt(state.get("textDim")), Double.parseDouble(state.get("wallSeconds")),
                state.get("dataHash"), state.get("codeVersion"),
                state.containsKey(ENCODER) ? EncoderFingerprint.parse(state.get(ENCODER)) : null);
    }

    /** Writes this state with the networks and optimisers into {@code output}'s checkpoint folder, atomically. */
    void save(Path output, PoseGan gan, Adam generatorAdam, Adam criticAdam, GeneratorEma ema) {
        write(output, folder -> {
            WeightArchive.save(gan.generator(), folder.resolve(GENERATOR));
            WeightArchive.save(gan.critic(), folder.resolve(CRITIC));
            if (ema != null) {
                WeightArchive.save(ema.module(), folder.resolve(GENERATOR_EMA));
            }
            saveOptimizer(generatorAdam, folder.resolve(GENERATOR_ADAM));
            saveOptimizer(criticAdam, folder.resolve(CRITIC_ADAM));
        });
    }

    /**
     * Writes this state with a single trained network (the flow model: no critic) into {@code output}'s checkpoint
     * folder, atomically: the network, its optimiser and its EMA under the generator's file names.
     */
    void save(Path output, Module network, Adam adam, GeneratorEma ema) {
        write(output, folder -> {
            WeightArchive.save(network, folder.resolve(GENERATOR));
            if (ema != null) {
                WeightArchive.save(ema.module(), folder.resolve(GENERATOR_EMA));
            }
            saveOptimizer(adam, folder.resolve(GENERATOR_ADAM));
        });
    }

    /** Loads what {@link #save(Path, Module, Adam, GeneratorEma)} wrote. */
    static void restore(Path folder, Module network, Adam adam, GeneratorEma ema) {
        WeightArchive.load(network, folder.resolve(GENERATOR));
        if (ema != null) {
            WeightArchive.load(ema.module(), folder.resolve(GENERATOR_EMA));
        }
        loadOptimizer(adam, folder.resolve(GENERATOR_ADAM));
    }

    private interface Weights {
        void writeInto(Path folder) throws IOException;
    }

    /** Writes the weights and this state into a partial folder, then swaps it in with two renames. */
    private void write(Path output, Weights weights) {
        Path partial = output.resolve(FOLDER + ".partial");
        Path previous = output.resolve(FOLDER + ".previous");
        Path current = output.resolve(FOLDER);
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            weights.writeInto(partial);
            writeProperties(partial.resolve(CONFIG), ConfigCodec.toMap(config));
            writeProperties(partial.resolve(STATE), state());
            deleteTree(previous);
            if (Files.exists(current)) {
                Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, current, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint in " + output, e);
        }
    }

    private Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>(Map.of("step", Long.toString(step), "textDim",
                Integer.toString(textDim), "wallSeconds", Double.toString(wallSeconds), "dataHash", dataHash,
                "codeVersion", codeVersion));
        if (encoder != null) {
            state.put(ENCODER, encoder.key());
        }
        return state;
    }

    /** Loads the weights and optimiser states of checkpoint folder {@code folder} into a run's objects. */
    static void restore(Path folder, PoseGan gan, Adam generatorAdam, Adam criticAdam, GeneratorEma ema) {
        WeightArchive.load(gan.generator(), folder.resolve(GENERATOR));
        WeightArchive.load(gan.critic(), folder.resolve(CRITIC));
        if (ema != null) {
            WeightArchive.load(ema.module(), folder.resolve(GENERATOR_EMA));
        }
        loadOptimizer(generatorAdam, folder.resolve(GENERATOR_ADAM));
        loadOptimizer(criticAdam, folder.resolve(CRITIC_ADAM));
    }

    private static void saveOptimizer(Adam adam, Path file) {
        try (OutputArchive archive = new OutputArchive()) {
            adam.save(archive);
            archive.save_to(file.toString());
        }
    }

    private static void loadOptimizer(Adam adam, Path file) {
        try (InputArchive archive = new InputArchive()) {
            archive.load_from(file.toString());
            adam.load(archive);
        }
    }

    private static void writeProperties(Path file, Map<String, String> values) throws IOException {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> readProperties(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Map.Entry<String, String> entry = ConfigCodec.parseAssignment(line);
                    values.put(entry.getKey(), entry.getValue());
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
