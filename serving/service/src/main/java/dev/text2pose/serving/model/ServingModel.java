package dev.text2pose.serving.model;

import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.ModelBundle;
import dev.text2pose.model.PoseGenerator;
import dev.text2pose.text.TextEncoder;

/**
 * The model a batch runs on: a loaded bundle and its generator over the shared text encoder. Every pose of a batch
 * carries this model's version, so a batch never mixes two versions.
 *
 * @param bundle    the generator's bundle; closed by whoever retires this model
 * @param generator the bundle behind the text encoder
 */
public record ServingModel(ModelBundle bundle, PoseGenerator generator) implements AutoCloseable {

    /** Wraps a loaded bundle; fails when it was trained on another text encoder than {@code encoder}. */
    public static ServingModel of(ModelBundle bundle, TextEncoder encoder) {
        try {
            return new ServingModel(bundle, new PoseGenerator(bundle, encoder));
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /** The version every pose event made by this model carries. */
    public String version() {
        return bundle.metadata().modelVersion();
    }

    /** Where the generator runs. */
    public ExecutionProvider provider() {
        return bundle.provider();
    }

    /** Releases the bundle's session (not the shared encoder). */
    @Override
    public void close() {
        bundle.close();
    }
}
