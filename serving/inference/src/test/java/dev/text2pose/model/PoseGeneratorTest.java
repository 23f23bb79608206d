package dev.text2pose.model;

import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.text.EncoderFingerprint;
import dev.text2pose.text.MiniLmEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.text2pose.model.PoseAssertions.assertSamePose;
import static dev.text2pose.model.PoseAssertions.assertSamePoses;
import static dev.text2pose.model.PoseAssertions.differ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's batching, noise and interpolation logic, on the tiny test bundle and a fake encoder. */
class PoseGeneratorTest {

    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(TinyBundle.bytes(), "tiny", OrtSessions.cpu());
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void givesSamplesTimesFramesPosesPerRequest() {
        List<GeneratedPoses> out = new PoseGenerator(bundle, new FakeEncoder()).generate(List.of(
                PoseRequest.of("a man surfing", 3, 1),
                PoseRequest.interpolation("a man surfing", "a woman skiing", 5, 2, 1)));
        assertEquals(2, out.size());
        assertEquals(3, out.get(0).samples().size());
        out.get(0).samples().forEach(frames -> assertEquals(1, frames.size()));
        assertEquals(2, out.get(1).samples().size());
        out.get(1).samples().forEach(frames -> assertEquals(5, frames.size()));
    }

    @Test
    void theSameRequestGivesTheSamePosesAndOtherSeedsOtherPoses() {
        PoseGenerator generator = new PoseGenerator(bundle, new FakeEncoder());
        GeneratedPoses first = generator.generate(List.of(PoseRequest.of("a dog", 2, 5))).get(0);
        GeneratedPoses again = generator.generate(List.of(PoseRequest.of("a dog", 2, 5))).get(0);
        GeneratedPoses otherSeed = generator.generate(List.of(PoseRequest.of("a dog", 2, 6))).get(0);
        assertSamePoses(first, again);
        assertTrue(differ(first.samples().get(0).get(0), otherSeed.samples().get(0).get(0)));
        assertTrue(differ(first.samples().get(0).get(0), first.samples().get(1).get(0)), "samples of one request differ");
    }

    @Test
    void aBatchGivesWhatEachRequestGivesAlone() {
        PoseGenerator generator = new PoseGenerator(bundle, new FakeEncoder());
        List<PoseRequest> requests = List.of(
                PoseRequest.of("a man surfing", 2, 11),
                PoseRequest.interpolation("a cat", "a man surfing", 4, 3, 12),
                PoseRequest.of("a man surfing", 1, 13));
        List<GeneratedPoses> batched = generator.generate(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertSamePoses(generator.generate(List.of(requests.get(i))).get(0), batched.get(i));
        }
    }

    @Test
    void encodesEachDistinctCaptionOnceInOneCall() {
        FakeEncoder encoder = new FakeEncoder();
        new PoseGenerator(bundle, encoder).generate(List.of(
                PoseRequest.of("a", 2, 1),
                PoseRequest.interpolation("b", "a", 3, 1, 1),
                PoseRequest.interpolation("a", "c", 3, 1, 1)));
        assertEquals(List.of(List.of("a", "b", "c")), encoder.calls);
    }

    @Test
    void interpolationKeepsTheNoiseAndEndsOnBothCaptions() {
        PoseGenerator generator = new PoseGenerator(bundle, new FakeEncoder());
        List<GeneratedPoses> out = generator.generate(List.of(
                PoseRequest.interpolation("a man surfing", "a woman skiing", 6, 2, 99),
                PoseRequest.of("a man surfing", 2, 99),
                PoseRequest.of("a woman skiing", 2, 99)));
        for (int s = 0; s < 2; s++) {
            List<Pose> frames = out.get(0).samples().get(s);
            assertSamePose(out.get(1).samples().get(s).get(0), frames.get(0), "first frame is the caption");
            assertSamePose(out.get(2).samples().get(s).get(0), frames.get(5), "last frame is the target");
            assertTrue(differ(frames.get(0), frames.get(5)));
        }
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        List<PoseRequest> requests = List.of(
                PoseRequest.interpolation("a", "b", 7, 3, 4), PoseRequest.of("c", 5, 4));
        List<GeneratedPoses> whole = new PoseGenerator(bundle, new FakeEncoder()).generate(requests);
        List<GeneratedPoses> chunked = new PoseGenerator(bundle, new FakeEncoder(), 4).generate(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertSamePoses(whole.get(i), chunked.get(i));
        }
    }

    @Test
    void presenceFollowsTheBundleThreshold() {
        GeneratedPoses out = new PoseGenerator(bundle, new FakeEncoder())
                .generate(List.of(PoseRequest.of("a", 16, 3))).get(0);
        int present = 0;
        for (List<Pose> frames : out.samples()) {
            for (Keypoint k : frames.get(0).keypoints()) {
                assertEquals(k.confidence() > TinyBundle.PRESENCE_THRESHOLD, k.present());
                assertTrue(k.x() >= 0 && k.x() <= 1 && k.y() >= 0 && k.y() <= 1);
                present += k.present() ? 1 : 0;
            }
        }
        assertTrue(present > 0 && present < 16 * 17, "the tiny bundle marks some keypoints absent: " + present);
    }

    @Test
    void anEmptyBatchNeedsNoModel() {
        FakeEncoder encoder = new FakeEncoder();
        assertEquals(List.of(), new PoseGenerator(bundle, encoder).generate(List.of()));
        assertEquals(List.of(), encoder.calls);
    }

    @Test
    void refusesAnEncoderTheBundleWasNotTrainedWith() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoseGenerator(bundle, new FakeEncoder("fasttext/wiki.en")));
        assertTrue(e.getMessage().contains("fasttext/wiki.en"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoseGenerator(bundle, new FakeEncoder(), 0));
    }

    @Test
    void refusesTheSameEncoderIdWithOtherFilesNamingBoth() {
        EncoderFingerprint other = new EncoderFingerprint(MiniLmEncoder.ID, EncoderFingerprint.sha256("requantised"),
                FakeEncoder.fingerprint(MiniLmEncoder.ID).tokenizerSha256(), MiniLmEncoder.MAX_TOKENS,
                MiniLmEncoder.POOLING);
        FakeEncoder encoder = new FakeEncoder(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoseGenerator(bundle, encoder));
        assertTrue(e.getMessage().contains(bundle.metadata().encoderFingerprint().onnxSha256())
                && e.getMessage().contains(other.onnxSha256()), e.getMessage());
    }

    @Test
    void aBundleWithoutFingerprintIsCheckedByIdAndDimensionOnly() {
        byte[] unpinned = TinyBundle.build(TinyBundle.Spec.valid()
                .withProperty("text2pose.text_encoder.onnx_sha256", null)
                .withProperty("text2pose.text_encoder.tokenizer_sha256", null)
                .withProperty("text2pose.text_encoder.max_tokens", null)
                .withProperty("text2pose.text_encoder.pooling", null));
        try (ModelBundle old = ModelBundle.load(unpinned, "unpinned", OrtSessions.cpu())) {
            assertNull(old.metadata().encoderFingerprint());
            assertEquals(1, new PoseGenerator(old, new FakeEncoder()).generate(List.of(PoseRequest.of("a man", 1, 1))).size());
            assertThrows(IllegalArgumentException.class, () -> new PoseGenerator(old, new FakeEncoder("other/id")));
        }
    }
}
