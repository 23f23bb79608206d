package dev.text2pose.model;

import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.text.TextEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundle shipped inside, by the name {@code --model} takes, served with the real encoder: each must be a
 * trained model that keeps the pose contract (x and y within the frame, confidence in [0, 1]) for captions a user
 * tries first, including the lying-down ones whose poses leave the usual upright shape.
 */
class ShippedBundleTest {

    private static final OrtSessions CPU = OrtSessions.cpu();
    private static final List<String> CAPTIONS = List.of("a man swinging a tennis racket", "a skier going down a slope",
            "a surfer riding a wave", "a woman sitting on a bench", "a baseball player swinging a bat",
            "a woman lying on a bed underneath a blanket", "A woman laying in a hospital bed");
    private static TextEncoder encoder;

    @BeforeAll
    static void loadEncoder() {
        encoder = TextEncoder.miniLm(CPU);
    }

    @AfterAll
    static void closeEncoder() {
        encoder.close();
    }

    @Test
    void namesFindTheirBundlesAndNothingElse() {
        assertEquals(Optional.of(ShippedBundle.PAPER), ShippedBundle.named("paper"));
        assertEquals(Optional.of(ShippedBundle.FLOW), ShippedBundle.named("flow"));
        assertEquals(Optional.empty(), ShippedBundle.named("flow.onnx"));
        assertEquals(Optional.empty(), ShippedBundle.named("Paper"));
        assertEquals("paper, flow", ShippedBundle.names());
    }

    @ParameterizedTest
    @EnumSource(ShippedBundle.class)
    void servesTrainedPosesInsideTheContract(ShippedBundle shipped) {
        assertTrue(shipped.isPresent(), shipped.resource() + " is missing from this build");
        try (ModelBundle bundle = shipped.load(CPU)) {
            assertTrue(bundle.metadata().trained(), shipped.id() + " must be a trained model");
            PoseGenerator generator = new PoseGenerator(bundle, encoder);
            List<PoseRequest> requests = CAPTIONS.stream().map(caption -> PoseRequest.of(caption, 16, 3)).toList();
            float threshold = bundle.metadata().presenceThreshold();
            int present = 0;
            int keypoints = 0;
            for (GeneratedPoses poses : generator.generate(requests)) {
                for (List<Pose> frames : poses.samples()) {
                    for (Keypoint k : frames.get(0).keypoints()) {
                        assertTrue(k.x() >= 0 && k.x() <= 1 && k.y() >= 0 && k.y() <= 1,
                                shipped.id() + " left the frame: " + k);
                        assertTrue(k.confidence() >= 0 && k.confidence() <= 1, k.toString());
                        assertEquals(k.confidence() > threshold, k.present(), k.toString());
                        present += k.present() ? 1 : 0;
                        keypoints++;
                    }
                }
            }
            // Real single-person poses have about 0.8 of their keypoints labelled; a model that lost its presence
            // calibration drifts far from it (all present, or none).
            double rate = present / (double) keypoints;
            assertTrue(rate > 0.6 && rate < 0.95, shipped.id() + " marks " + rate + " of keypoints present");
        }
    }
}
