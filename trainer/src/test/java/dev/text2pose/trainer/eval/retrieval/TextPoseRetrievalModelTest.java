package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.trainer.eval.PoseSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextPoseRetrievalModelTest {

    private static final RetrievalSettings SHAPE = new RetrievalSettings(1, 4, 16, 6, 1e-3f, 0f, 0.2f);

    @TempDir
    Path dir;

    private final SyntheticPairs data = new SyntheticPairs(2, 5);

    @Test
    void embeddingsAreUnitRowsOfTheJointWidth() {
        TextPoseRetrievalModel model = model(11);
        float[] poses = model.embedPoses(PoseSet.ofFramePoses(data.poses()));
        float[] captions = model.embedCaptions(data.captionArray());
        assertEquals(data.poses().size() * SHAPE.dimension(), poses.length);
        assertEquals(data.captions.size() * SHAPE.dimension(), captions.length);
        // float32 sums of 6 squares: a norm off by more than 1e-5 would mean a missing or wrong normalisation
        for (float[] rows : new float[][] {poses, captions}) {
            for (int r = 0; r < rows.length / SHAPE.dimension(); r++) {
                double squares = 0;
                for (int d = 0; d < SHAPE.dimension(); d++) {
                    squares += rows[r * SHAPE.dimension() + d] * rows[r * SHAPE.dimension() + d];
                }
                assertEquals(1.0, Math.sqrt(squares), 1e-5, "row " + r);
            }
        }
    }

    @Test
    void theSeedDecidesTheWeightsAndAFileKeepsThem() {
        PoseSet probe = PoseSet.ofFramePoses(data.poses());
        TextPoseRetrievalModel model = model(11);
        assertFalse(java.util.Arrays.equals(model.embedPoses(probe), model(12).embedPoses(probe)));
        Path file = dir.resolve("judge.pt");
        model.write(file);
        TextPoseRetrievalModel read = TextPoseRetrievalModel.read(file, SyntheticPairs.DIMENSION, SHAPE);
        // the archive stores float32 exactly, so only the (identical) arithmetic could differ
        assertArrayEquals(model.embedPoses(probe), read.embedPoses(probe), 1e-7f);
        assertArrayEquals(model.embedCaptions(data.captionArray()), read.embedCaptions(data.captionArray()), 1e-7f);
    }

    @Test
    void aFileOfAnotherShapeOrCaptionsOfAnotherWidthAreRefused() {
        Path file = dir.resolve("judge.pt");
        model(11).write(file);
        assertThrows(RuntimeException.class,
                () -> TextPoseRetrievalModel.read(file, SyntheticPairs.DIMENSION + 1, SHAPE));
        float[][] wide = {SyntheticPairs.caption(0, new SplittableRandom(1)), new float[SyntheticPairs.DIMENSION + 1]};
        assertThrows(IllegalArgumentException.class, () -> model(11).embedCaptions(wide));
    }

    private static TextPoseRetrievalModel model(long seed) {
        return new TextPoseRetrievalModel(SyntheticPairs.DIMENSION, SHAPE.hidden(), SHAPE.dimension(), seed);
    }
}
