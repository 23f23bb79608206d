package dev.text2pose.model;

import dev.text2pose.pose.Pose;

import java.util.List;

/**
 * The poses generated for one {@link PoseRequest}.
 *
 * @param samples indexed {@code [sample][frame]}: one inner list per sample, holding one pose per frame (a single
 *                pose when the request has no target caption)
 */
public record GeneratedPoses(List<List<Pose>> samples) {

    public GeneratedPoses {
        samples = samples.stream().map(List::copyOf).toList();
    }
}
