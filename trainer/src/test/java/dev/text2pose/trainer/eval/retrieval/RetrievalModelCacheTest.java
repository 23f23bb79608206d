package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.eval.PoseSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalModelCacheTest {

    private static final RetrievalSettings SETTINGS = new RetrievalSettings(2, 4, 8, 4, 1e-3f, 0f, 0.2f);
    private static final int WIDTH = SyntheticPairs.DIMENSION;

    @TempDir
    Path dir;

    private final SyntheticPairs data = new SyntheticPairs(3, 4);
    private final AtomicInteger trainings = new AtomicInteger();

    @Test
    void aSecondRunLoadsTheSameModelWithoutTraining() throws IOException {
        RetrievalModelCache cache = new RetrievalModelCache(dir);
        TextPoseRetrievalModel first = cache.loadOrTrain("hash", "encoder", SETTINGS, 1, WIDTH, trainer(1));
        TextPoseRetrievalModel second = cache.loadOrTrain("hash", "encoder", SETTINGS, 1, WIDTH, trainer(1));
        assertEquals(1, trainings.get());
        PoseSet probe = PoseSet.ofFramePoses(data.poses());
        assertArrayEquals(first.embedPoses(probe), second.embedPoses(probe));
        assertTrue(Files.isRegularFile(cache.fileFor("hash", "encoder", SETTINGS, 1)));
    }

    @Test
    void anyChangeOfDataSettingsOrSeedIsAnotherModel() {
        RetrievalModelCache cache = new RetrievalModelCache(dir);
        Path file = cache.fileFor("hash", "encoder", SETTINGS, 1);
        assertNotEquals(file, cache.fileFor("hash2", "encoder", SETTINGS, 1));
        assertNotEquals(file, cache.fileFor("hash", "encoder2", SETTINGS, 1));
        assertNotEquals(file, cache.fileFor("hash", "encoder", SETTINGS.withEpochs(3), 1));
        assertNotEquals(file, cache.fileFor("hash", "encoder", SETTINGS, 2));
    }

    @Test
    void anUnreadableFileIsTrainedAgain() throws IOException {
        RetrievalModelCache cache = new RetrievalModelCache(dir);
        Path file = cache.fileFor("hash", "encoder", SETTINGS, 1);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a model");
        cache.loadOrTrain("hash", "encoder", SETTINGS, 1, WIDTH, trainer(1));
        assertEquals(1, trainings.get());
        cache.loadOrTrain("hash", "encoder", SETTINGS, 1, WIDTH, trainer(1));
        assertEquals(1, trainings.get(), "the rebuilt file is read");
    }

    private Supplier<TextPoseRetrievalModel> trainer(long seed) {
        return () -> {
            trainings.incrementAndGet();
            return new ContrastiveTrainer(SETTINGS).train(data.poses(), data.captionArray(), data.captionPoseArray(),
                    seed);
        };
    }
}
