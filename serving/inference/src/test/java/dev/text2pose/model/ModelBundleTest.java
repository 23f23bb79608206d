package dev.text2pose.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {

    private static final OrtSessions CPU = OrtSessions.cpu();
    private static ModelBundle bundle;

    @BeforeAll
    static void load() {
        bundle = ModelBundle.load(TinyBundle.bytes(), "tiny", CPU);
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void readsMetadataAndProvider() {
        assertEquals(TinyBundle.metadata(), bundle.metadata());
        assertEquals(ExecutionProvider.CPU, bundle.provider());
    }

    @Test
    void loadsFromAFile() throws Exception {
        Path file = Files.createTempFile("tiny", ".onnx");
        try {
            Files.write(file, TinyBundle.bytes());
            try (ModelBundle fromFile = ModelBundle.load(file, CPU)) {
                assertEquals("tiny-test-1", fromFile.metadata().modelVersion());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void keypointsHaveOneRowPerInputWithValuesInRange() {
        float[][][] keypoints = bundle.keypoints(rows(3, TinyBundle.EMBEDDING_DIM, 0.05f), rows(3, TinyBundle.NOISE_DIM, 1f));
        assertEquals(3, keypoints.length);
        for (float[][] row : keypoints) {
            assertEquals(17, row.length);
            for (float[] k : row) {
                assertEquals(3, k.length);
                for (float v : k) {
                    assertTrue(v >= 0 && v <= 1, "sigmoid output in [0, 1]: " + v);
                }
            }
        }
    }

    @Test
    void generateAlsoReturnsHeatmapsAndTheSameKeypoints() {
        float[][] text = rows(2, TinyBundle.EMBEDDING_DIM, 0.05f);
        float[][] noise = rows(2, TinyBundle.NOISE_DIM, 1f);
        GeneratorOutput output = bundle.generate(text, noise);
        assertEquals(2, output.heatmaps().length);
        assertEquals(17, output.heatmaps()[0].length);
        assertEquals(TinyBundle.HEATMAP_SIZE, output.heatmaps()[0][0].length);
        assertEquals(TinyBundle.HEATMAP_SIZE, output.heatmaps()[0][0][0].length);
        assertArrayEquals(bundle.keypoints(text, noise)[1][5], output.keypoints()[1][5]);
    }

    @Test
    void aKeypointsOnlyBundleServesWithoutHeatmaps() {
        try (ModelBundle keypointsOnly = ModelBundle.load(TinyBundle.build(TinyBundle.Spec.keypointsOnly()), "kp", CPU)) {
            assertNull(keypointsOnly.metadata().heatmaps());
            float[][] text = rows(2, TinyBundle.EMBEDDING_DIM, 0.05f);
            float[][] noise = rows(2, TinyBundle.NOISE_DIM, 1f);
            GeneratorOutput output = keypointsOnly.generate(text, noise);
            assertNull(output.heatmaps());
            // The same keypoint weights as the full tiny bundle (same seed, drawn first), so the same keypoints.
            assertArrayEquals(bundle.keypoints(text, noise)[1][5], output.keypoints()[1][5]);
        }
    }

    @Test
    void rejectsDeclaredHeatmapsTheGraphLacksOrHalfADeclaration() {
        assertRejected(TinyBundle.Spec.valid().withoutHeatmapOutput(), "graph has no heatmaps");
        assertRejected(TinyBundle.Spec.keypointsOnly().withProperty("text2pose.heatmap_size", "8"),
                "lacks text2pose.heatmap_range");
    }

    @Test
    void zeroRowsNeedNoCall() {
        assertEquals(0, bundle.keypoints(new float[0][], new float[0][]).length);
    }

    @Test
    void rejectsRowsOfTheWrongWidthOrCount() {
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> bundle.keypoints(rows(1, 300, 0f), rows(1, TinyBundle.NOISE_DIM, 0f)));
        assertTrue(wrongWidth.getMessage().contains(GeneratorGraph.TEXT_INPUT), wrongWidth.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> bundle.keypoints(rows(2, TinyBundle.EMBEDDING_DIM, 0f), rows(1, TinyBundle.NOISE_DIM, 0f)));
    }

    @Test
    void rejectsAGraphWithAnotherInputName() {
        assertRejected(TinyBundle.Spec.valid().withTextInput("text"), "text_embedding");
    }

    @Test
    void rejectsAGraphWhoseWidthDisagreesWithItsMetadata() {
        assertRejected(TinyBundle.Spec.valid().withEmbeddingDim(300), "text_embedding has shape [-1, 300]");
    }

    @Test
    void rejectsAFixedBatchSize() {
        assertRejected(TinyBundle.Spec.valid().withBatch(1), "fixed batch size 1");
    }

    @Test
    void rejectsMissingOrForeignMetadata() {
        assertRejected(TinyBundle.Spec.valid().withProperty("text2pose.noise_dim", null), "lacks text2pose.noise_dim");
        assertRejected(TinyBundle.Spec.valid().withProperty("text2pose.keypoint_names", "a,b"), "not COCO's 17");
        assertRejected(TinyBundle.Spec.valid().withProperty("text2pose.presence_threshold", "1.5"), "presence_threshold");
    }

    private static void assertRejected(TinyBundle.Spec spec, String expected) {
        BundleException e = assertThrows(BundleException.class,
                () -> ModelBundle.load(TinyBundle.build(spec), "broken", CPU).close());
        assertTrue(e.getMessage().startsWith("broken: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static float[][] rows(int count, int width, float scale) {
        float[][] rows = new float[count][width];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < width; i++) {
                rows[r][i] = (float) Math.sin(r * 31 + i) * scale;
            }
        }
        return rows;
    }
}
