package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The held-out split rule: a pure function of the image id with about 50/50 proportions. */
class DataSplitTest {

    @Test
    void bucketsMatchTheDocumentedRuleComputedIndependently() {
        // Expected values from Python: int.from_bytes(sha256(b"text2pose-split-v2:" + id).digest()[:4]) % 100.
        assertEquals(41, DataSplit.bucket(0));
        assertEquals(39, DataSplit.bucket(1));
        assertEquals(3, DataSplit.bucket(139));
        assertEquals(71, DataSplit.bucket(872));
        assertEquals(89, DataSplit.bucket(123456789));
        assertEquals(DataSplit.VALIDATION, DataSplit.heldOut(139));
        assertEquals(DataSplit.TEST, DataSplit.heldOut(872));
    }

    @Test
    void heldOutProportionsAreCloseToHalfAndHalf() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        int n = 20_000;
        for (long id = 1; id <= n; id++) {
            counts.merge(DataSplit.heldOut(id * 7 + 100_000), 1, Integer::sum);
        }
        assertEquals(0.5, counts.get(DataSplit.VALIDATION) / (double) n, 0.015);
        assertEquals(0.5, counts.get(DataSplit.TEST) / (double) n, 0.015);
        assertEquals(null, counts.get(DataSplit.TRAIN), "no held-out image is ever TRAIN");
    }

    @Test
    void everyHeldOutImageLandsInExactlyOneHalfWithAllItsCaptionsEveryTime() {
        List<CaptionedPose> samples = new ArrayList<>();
        boolean[] none = new boolean[17];
        for (long id = 1; id <= 500; id++) {
            samples.add(new CaptionedPose(id, new FramePose(new float[17], new float[17], none),
                    List.of("a " + id, "b " + id)));
        }
        CaptionedPoseDataset dataset = new CaptionedPoseDataset(samples,
                new DataReport("t", 0, 0, 0, samples.size(), 0, Set.of(), Map.of()));
        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (DataSplit split : List.of(DataSplit.VALIDATION, DataSplit.TEST)) {
            List<CaptionedPose> part = dataset.heldOut(split);
            assertEquals(part, dataset.heldOut(split), "same split twice");
            for (CaptionedPose s : part) {
                assertTrue(seen.add(s.imageId()), "image " + s.imageId() + " in two splits");
                assertEquals(2, s.captions().size());
            }
            total += part.size();
        }
        assertEquals(samples.size(), total);
        assertThrows(IllegalArgumentException.class, () -> dataset.heldOut(DataSplit.TRAIN));
    }
}
