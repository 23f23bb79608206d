package dev.text2pose.model;

import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares poses to float rounding: batched kernels need not round exactly as single rows do. */
final class PoseAssertions {

    static final float TOLERANCE = 1e-5f;

    private PoseAssertions() {
    }

    static void assertSamePoses(GeneratedPoses expected, GeneratedPoses actual) {
        assertEquals(expected.samples().size(), actual.samples().size(), "samples");
        for (int s = 0; s < expected.samples().size(); s++) {
            List<Pose> want = expected.samples().get(s);
            List<Pose> got = actual.samples().get(s);
            assertEquals(want.size(), got.size(), "frames of sample " + s);
            for (int f = 0; f < want.size(); f++) {
                assertSamePose(want.get(f), got.get(f), "sample " + s + " frame " + f);
            }
        }
    }

    static void assertSamePose(Pose expected, Pose actual, String where) {
        for (int k = 0; k < 17; k++) {
            Keypoint a = expected.keypoint(k);
            Keypoint b = actual.keypoint(k);
            String at = where + " keypoint " + k;
            assertEquals(a.x(), b.x(), TOLERANCE, at);
            assertEquals(a.y(), b.y(), TOLERANCE, at);
            assertEquals(a.confidence(), b.confidence(), TOLERANCE, at);
            assertEquals(a.present(), b.present(), at);
        }
    }

    /** Whether any keypoint moved or changed confidence by more than rounding could explain. */
    static boolean differ(Pose a, Pose b) {
        for (int k = 0; k < 17; k++) {
            if (Math.abs(a.keypoint(k).x() - b.keypoint(k).x()) > 1e-3
                    || Math.abs(a.keypoint(k).y() - b.keypoint(k).y()) > 1e-3
                    || Math.abs(a.keypoint(k).confidence() - b.keypoint(k).confidence()) > 1e-3) {
                return true;
            }
        }
        return false;
    }
}
