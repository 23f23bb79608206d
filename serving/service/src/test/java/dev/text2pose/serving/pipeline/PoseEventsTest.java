package dev.text2pose.serving.pipeline;

import dev.text2pose.model.GeneratedPoses;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.schema.PoseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PoseEventsTest {

    @Test
    void eventIsSampleMajorAndConvertsBack() {
        List<List<Pose>> samples = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            List<Pose> frames = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                frames.add(pose(s * 10 + f));
            }
            samples.add(frames);
        }

        PoseEvent event = PoseEvents.toEvent("r1", "v1", 9L, new GeneratedPoses(samples), 1.0, 2.0);

        assertEquals(2, event.getSamples());
        assertEquals(3, event.getFrames());
        assertEquals(6, event.getPoses().size());
        assertEquals(1, event.getPoses().get(4).getSample());
        assertEquals(1, event.getPoses().get(4).getFrame());
        assertEquals(samples, PoseEvents.toPoses(event));
    }

    private static Pose pose(int tag) {
        List<Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new Keypoint(tag / 100f, i / 17f, 0.5f, i % 2 == 0));
        }
        return new Pose(keypoints);
    }
}
