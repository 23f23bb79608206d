package dev.text2pose.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bundles that ship inside the service, by the name {@code --model} takes. A bundle trained by a user is a file
 * instead; these need no path, so they work the same from the source tree, the distribution and the image.
 */
public enum ShippedBundle {

    /** The paper's conditional WGAN-LP over 64x64 heatmaps (its card: {@code models/MODEL_CARD.md}). */
    PAPER("paper", "/models/default.onnx"),

    /** The keypoint-space flow generator (its card: {@code models/FLOW_MODEL_CARD.md}). */
    FLOW("flow", "/models/flow.onnx");

    /** The bundle served when none is named. */
    public static final ShippedBundle DEFAULT = PAPER;

    private final String id;
    private final String resource;

    ShippedBundle(String id, String resource) {
        this.id = id;
        this.resource = resource;
    }

    /** The name {@code --model} takes. */
    public String id() {
        return id;
    }

    /** Where it lies on the classpath. */
    public String resource() {
        return resource;
    }

    /** The shipped bundle called {@code name}, if one is. */
    public static Optional<ShippedBundle> named(String name) {
        return Arrays.stream(values()).filter(bundle -> bundle.id.equals(name)).findFirst();
    }

    /** The names, for help texts: {@code paper, flow}. */
    public static String names() {
        return Arrays.stream(values()).map(ShippedBundle::id).collect(Collectors.joining(", "));
    }

    /** Whether this build carries it. */
    public boolean isPresent() {
        return ShippedBundle.class.getResource(resource) != null;
    }

    /**
     * Loads and validates it.
     *
     * @throws IllegalStateException when this build does not carry it
     */
    public ModelBundle load(OrtSessions sessions) {
        try (InputStream in = ShippedBundle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no shipped model bundle '" + id + "': " + resource
                        + " is not on the classpath (the trainer exports it into serving/inference/src/main/resources)");
            }
            return ModelBundle.load(in.readAllBytes(), "classpath:" + resource, sessions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
