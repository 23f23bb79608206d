package dev.text2pose.model;

import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.text.TextEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.text2pose.model.PoseAssertions.assertSamePoses;
import static dev.text2pose.model.PoseAssertions.differ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle this jar ships, with the real encoder: what the service runs when no other bundle is configured. A
 * missing default bundle fails here rather than being skipped, because the service cannot start without one.
 */
class DefaultBundleTest {

    private static final OrtSessions CPU = OrtSessions.cpu();
    private static ModelBundle bundle;
    private static TextEncoder encoder;
    private static PoseGenerator generator;

    @BeforeAll
    static void load() {
        assertTrue(ModelBundle.hasDefault(), ModelBundle.DEFAULT_RESOURCE + " is missing; the trainer writes it with"
                + " export --checkpoint <stage-2 run> --output serving/inference/src/main/resources/models/default.onnx"
                + " (see models/MODEL_CARD.md)");
        bundle = ModelBundle.loadDefault(CPU);
        encoder = TextEncoder.miniLm(CPU);
        generator = new PoseGenerator(bundle, encoder);
    }

    @AfterAll
    static void close() {
        if (encoder != null) {
            encoder.close();
        }
        if (bundle != null) {
            bundle.close();
        }
    }

    @Test
    void describesTheGraphTheServiceFeeds() {
        BundleMetadata metadata = bundle.metadata();
        assertEquals(MiniLmEncoder.ID, metadata.textEncoder());
        // Shipped before fingerprints existed and deliberately not re-stamped: served after an id and dimension check.
        assertNull(metadata.encoderFingerprint());
        assertEquals(MiniLmEncoder.DIMENSION, metadata.embeddingDim());
        assertEquals(64, metadata.heatmaps().size());
        assertEquals(ExecutionProvider.CPU, bundle.provider());
        assertTrue(metadata.modelVersion().length() > 0);
    }

    @Test
    void isTheTrainedModelWithItsProvenance() {
        BundleMetadata metadata = bundle.metadata();
        assertTrue(metadata.trained(), "the service must serve a trained model by default");
        assertEquals("cond", metadata.provenance().get("stage"));
        assertTrue(metadata.provenance().get("data_hash").matches("[0-9a-f]{64}"), metadata.provenance().toString());
        assertTrue(metadata.provenance().get("code_version").matches("[0-9a-f]{7,}"), metadata.provenance().toString());
    }

    @Test
    void generatesValidPosesOfTheRequestedShape() {
        List<GeneratedPoses> out = generator.generate(List.of(
                PoseRequest.of("a man riding a wave on a surfboard", 3, 1),
                PoseRequest.interpolation("a man riding a wave on a surfboard", "a woman skiing down a slope", 4, 2, 1)));
        assertEquals(3, out.get(0).samples().size());
        assertEquals(1, out.get(0).samples().get(0).size());
        assertEquals(2, out.get(1).samples().size());
        assertEquals(4, out.get(1).samples().get(1).size());
        float threshold = bundle.metadata().presenceThreshold();
        for (GeneratedPoses poses : out) {
            for (List<Pose> frames : poses.samples()) {
                for (Pose pose : frames) {
                    for (Keypoint k : pose.keypoints()) {
                        assertTrue(k.x() >= 0 && k.x() <= 1 && k.y() >= 0 && k.y() <= 1, k.toString());
                        assertTrue(k.confidence() >= 0 && k.confidence() <= 1, k.toString());
                        assertEquals(k.confidence() > threshold, k.present(), k.toString());
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedRepeatsAndAnotherSeedDiffers() {
        PoseRequest request = PoseRequest.of("a person throwing a frisbee", 2, 42);
        GeneratedPoses first = generator.generate(List.of(request)).get(0);
        assertSamePoses(first, generator.generate(List.of(request)).get(0));
        GeneratedPoses other = generator.generate(List.of(PoseRequest.of("a person throwing a frisbee", 2, 43))).get(0);
        assertTrue(differ(first.samples().get(0).get(0), other.samples().get(0).get(0)));
    }

    @Test
    void aMixedBatchGivesWhatEachRequestGivesAlone() {
        List<PoseRequest> requests = List.of(
                PoseRequest.of("a child eating a sandwich", 2, 7),
                PoseRequest.interpolation("a child eating a sandwich", "a batter swinging at a pitch", 3, 1, 8));
        List<GeneratedPoses> batched = generator.generate(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertSamePoses(generator.generate(List.of(requests.get(i))).get(0), batched.get(i));
        }
    }

    @Test
    void returnsHeatmapsForEvaluation() {
        float[][] text = encoder.encode(List.of("a tennis player serving"));
        float[][] noise = new NoiseSampler(bundle.metadata().noiseDim()).samples(1, 1);
        GeneratorOutput output = bundle.generate(text, noise);
        assertEquals(17, output.heatmaps()[0].length);
        assertEquals(64, output.heatmaps()[0][0].length);
        assertEquals(64, output.heatmaps()[0][0][0].length);
        assertEquals(output.keypoints()[0][0][2], bundle.keypoints(text, noise)[0][0][2], 1e-6f);
    }
}
