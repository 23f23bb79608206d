package dev.text2pose.serving.pipeline;

import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.schema.KeypointValue;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.schema.PoseFrame;

import java.util.ArrayList;
import java.util.List;

/** Converts between the model's poses and the Avro {@link PoseEvent}: the one place the wire layout is built. */
public final class PoseEvents {

    private PoseEvents() {
    }

    /** The answer to one request: every sample's frames, sample-major, with timings. */
    public static PoseEvent toEvent(String requestId, String modelVersion, long seed, GeneratedPoses generated,
                                    double queueWaitMs, double inferenceMs) {
        List<List<Pose>> samples = generated.samples();
        int frames = samples.get(0).size();
        List<PoseFrame> poses = new ArrayList<>(samples.size() * frames);
        for (int s = 0; s < samples.size(); s++) {
            for (int f = 0; f < frames; f++) {
                poses.add(new PoseFrame(s, f, keypointValues(samples.get(s).get(f))));
            }
        }
        return PoseEvent.newBuilder()
                .setRequestId(requestId)
                .setModelVersion(modelVersion)
                .setSeed(seed)
                .setSamples(samples.size())
                .setFrames(frames)
                .setPoses(poses)
                .setQueueWaitMs(queueWaitMs)
                .setInferenceMs(inferenceMs)
                .build();
    }

    /** The event's poses as [sample][frame], e.g. for drawing. */
    public static List<List<Pose>> toPoses(PoseEvent event) {
        List<List<Pose>> samples = new ArrayList<>();
        for (int s = 0; s < event.getSamples(); s++) {
            samples.add(new ArrayList<>());
        }
        for (PoseFrame frame : event.getPoses()) {
            List<Keypoint> keypoints = frame.getKeypoints().stream()
                    .map(k -> new Keypoint(k.getX(), k.getY(), k.getConfidence(), k.getPresent())).toList();
            samples.get(frame.getSample()).add(new Pose(keypoints));
        }
        return samples;
    }

    private static List<KeypointValue> keypointValues(Pose pose) {
        return pose.keypoints().stream()
                .map(k -> new KeypointValue(k.x(), k.y(), k.confidence(), k.present())).toList();
    }
}
