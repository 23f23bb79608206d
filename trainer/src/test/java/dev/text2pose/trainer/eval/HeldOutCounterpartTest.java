package dev.text2pose.trainer.eval;

import dev.text2pose.trainer.data.DataSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldOutCounterpartTest {

    @TempDir
    Path dir;

    @Test
    void theTestSplitIsReadAgainstTheValidationSplitAndTheAllSplitAgainstNothing() throws IOException {
        EvalFixture.writeCocoFolder(dir, 4, DataSplit.VALIDATION, 3);
        EvaluationDataLoader.DataFiles files = new EvaluationDataLoader.DataFiles(
                dir.resolve("person_keypoints_val2017.json"), dir.resolve("captions_val2017.json"),
                dir.resolve("person_keypoints_train2017.json"), dir.resolve("captions_train2017.json"));

        assertEquals(3, HeldOutCounterpart.poses(files, EvaluationSplit.TEST).orElseThrow().size());
        assertTrue(HeldOutCounterpart.poses(files, EvaluationSplit.VALIDATION).isEmpty(),
                "these files hold no test image");
        assertTrue(HeldOutCounterpart.poses(files, EvaluationSplit.ALL).isEmpty(), "no other split");
    }
}
