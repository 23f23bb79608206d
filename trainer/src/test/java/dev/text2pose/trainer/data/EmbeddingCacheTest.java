package dev.text2pose.trainer.data;

import dev.text2pose.text.EncoderFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caption embedding cache with a fake embedder that records what it was asked to embed. */
class EmbeddingCacheTest {

    @TempDir
    Path dir;

    /** Embeds a caption as (length, first char, id salt); remembers every caption it was asked for. */
    private static final class FakeEmbedder implements CaptionEmbedder {
        private final EncoderFingerprint fingerprint;
        private final float salt;
        private final List<String> asked = new ArrayList<>();
        private int calls;

        FakeEmbedder(String id, float salt) {
            this(EmbeddingCacheTest.fingerprint(id, "model"), salt);
        }

        FakeEmbedder(EncoderFingerprint fingerprint, float salt) {
            this.fingerprint = fingerprint;
            this.salt = salt;
        }

        @Override
        public EncoderFingerprint fingerprint() {
            return fingerprint;
        }

        @Override
        public float[][] embed(List<String> captions) {
            calls++;
            asked.addAll(captions);
            return captions.stream().map(c -> new float[] {c.length(), c.charAt(0), salt}).toArray(float[][]::new);
        }
    }

    /** Encoder {@code id} whose ONNX file holds {@code model}. */
    private static EncoderFingerprint fingerprint(String id, String model) {
        return new EncoderFingerprint(id, EncoderFingerprint.sha256(model), EncoderFingerprint.sha256("tokenizer"), 16,
                "mean,l2");
    }

    @Test
    void secondCallEmbedsNothingAndReturnsTheSameVectors() throws IOException {
        List<String> captions = List.of("a man skis", "a dog", "a man skis");
        FakeEmbedder first = new FakeEmbedder("minilm-v1", 1);
        float[][] vectors = new EmbeddingCache(dir).embed(captions, first);
        assertEquals(List.of("a man skis", "a dog"), first.asked, "duplicates embedded once");
        assertArrayEquals(new float[] {10, 'a', 1}, vectors[0]);
        assertArrayEquals(vectors[0], vectors[2]);

        FakeEmbedder second = new FakeEmbedder("minilm-v1", 99);
        float[][] again = new EmbeddingCache(dir).embed(captions, second);
        assertEquals(0, second.calls);
        for (int i = 0; i < captions.size(); i++) {
            assertArrayEquals(vectors[i], again[i]);
        }
    }

    @Test
    void newCaptionsAloneAreEmbeddedAndAdded() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.embed(List.of("one", "two"), new FakeEmbedder("e", 1));
        FakeEmbedder more = new FakeEmbedder("e", 1);
        cache.embed(List.of("two", "three"), more);
        assertEquals(List.of("three"), more.asked);
        FakeEmbedder none = new FakeEmbedder("e", 1);
        cache.embed(List.of("one", "two", "three"), none);
        assertEquals(0, none.calls);
    }

    @Test
    void changedEncoderIdInvalidates() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.embed(List.of("one"), new FakeEmbedder("encoder/a", 1));
        FakeEmbedder other = new FakeEmbedder("encoder/b", 2);
        float[][] vectors = cache.embed(List.of("one"), other);
        assertEquals(List.of("one"), other.asked);
        assertEquals(2f, vectors[0][2]);
        assertNotEquals(cache.fileFor(fingerprint("encoder/a", "model")), cache.fileFor(fingerprint("encoder/b", "model")));
        assertTrue(cache.fileFor(fingerprint("encoder/a", "model")).getFileName().toString().startsWith("encoder_a-"));
    }

    @Test
    void theSameIdWithOtherModelBytesInvalidates() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.embed(List.of("one"), new FakeEmbedder(fingerprint("encoder/a", "model"), 1));
        FakeEmbedder requantised = new FakeEmbedder(fingerprint("encoder/a", "requantised model"), 2);
        assertEquals(2f, cache.embed(List.of("one"), requantised)[0][2]);
        assertEquals(List.of("one"), requantised.asked);
        FakeEmbedder original = new FakeEmbedder(fingerprint("encoder/a", "model"), 3);
        assertEquals(1f, cache.embed(List.of("one"), original)[0][2], "the first encoder's file is still there");
        assertEquals(0, original.calls);
    }

    @Test
    void batchesAreBoundedAndADamagedFileIsRebuilt() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        List<String> many = IntStream.range(0, EmbeddingCache.BATCH_SIZE + 5).mapToObj(i -> "caption " + i).toList();
        FakeEmbedder batched = new FakeEmbedder("e", 1);
        cache.embed(many, batched);
        assertEquals(2, batched.calls);

        Path file = cache.fileFor(fingerprint("e", "model"));
        Files.write(file, new byte[] {1, 2, 3});
        FakeEmbedder rebuild = new FakeEmbedder("e", 1);
        cache.embed(List.of("x"), rebuild);
        assertEquals(List.of("x"), rebuild.asked);
        FakeEmbedder reuse = new FakeEmbedder("e", 1);
        cache.embed(List.of("x"), reuse);
        assertEquals(0, reuse.calls);
    }

    @Test
    void anEmbedderThatChangesDimensionUnderOneIdIsRefused() throws IOException {
        EmbeddingCache cache = new EmbeddingCache(dir);
        cache.embed(List.of("one"), new FakeEmbedder("e", 1));
        CaptionEmbedder wider = CaptionEmbedder.of(fingerprint("e", "model"), c -> new float[][] {new float[5]});
        assertThrows(IllegalStateException.class, () -> cache.embed(List.of("two"), wider));
    }
}
