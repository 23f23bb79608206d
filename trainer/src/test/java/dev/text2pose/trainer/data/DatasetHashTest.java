package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The provenance hash: stable for equal data, different for any change training would see. */
class DatasetHashTest {

    private static FramePose pose(float shift) {
        float[] x = new float[17];
        float[] y = new float[17];
        boolean[] labelled = new boolean[17];
        for (int i = 0; i < 17; i++) {
            x[i] = 10 + i + shift;
            y[i] = 20 + i;
            labelled[i] = i % 3 != 0;
        }
        return new FramePose(x, y, labelled);
    }

    @Test
    void poseHashIsStableAndSensitive() {
        String hash = DatasetHash.ofPoses(List.of(pose(0), pose(1)));
        assertEquals(64, hash.length());
        assertEquals(hash, DatasetHash.ofPoses(List.of(pose(0), pose(1))));
        assertNotEquals(hash, DatasetHash.ofPoses(List.of(pose(1), pose(0))), "order matters");
        assertNotEquals(hash, DatasetHash.ofPoses(List.of(pose(0), pose(1.0001f))), "a coordinate matters");
        assertNotEquals(hash, DatasetHash.ofPoses(List.of(pose(0))), "the count matters");
    }

    @Test
    void captionedHashCoversIdsAndCaptions() {
        CaptionedPose a = new CaptionedPose(1, pose(0), List.of("a man", "a skier"));
        String hash = DatasetHash.ofCaptioned(List.of(a));
        CaptionedPose same = new CaptionedPose(1, pose(0), List.of("a man", "a skier"));
        assertEquals(hash, DatasetHash.ofCaptioned(List.of(same)));
        assertNotEquals(hash, DatasetHash.ofCaptioned(List.of(new CaptionedPose(2, pose(0), a.captions()))));
        assertNotEquals(hash, DatasetHash.ofCaptioned(List.of(new CaptionedPose(1, pose(0), List.of("a man")))));
        // Length-prefixed captions: moving a boundary between two captions changes the hash.
        assertNotEquals(hash, DatasetHash.ofCaptioned(List.of(new CaptionedPose(1, pose(0),
                List.of("a ma", "na skier")))));
        assertNotEquals(hash, DatasetHash.ofPoses(List.of(pose(0))));
    }
}
