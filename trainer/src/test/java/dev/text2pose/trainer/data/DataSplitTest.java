package dev.text2pose.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split rule: a pure function of the image id with about 80/10/10 proportions. */
class DataSplitTest {

    @Test
    void bucketsMatchTheDocumentedRuleComputedIndependently() {
        // Expected values from Python: int.from_bytes(sha256(b"text2pose-split-v1:" + id).digest()[:4]) % 100.
        assertEquals(71, DataSplit.bucket(0));
        assertEquals(18, DataSplit.bucket(1));
        assertEquals(6, DataSplit.bucket(139));
        assertEquals(84, DataSplit.bucket(872));
        assertEquals(92, DataSplit.bucket(123456789));
        assertEquals(DataSplit.TRAIN, DataSplit.of(139));
        assertEquals(DataSplit.VALIDATION, DataSplit.of(872));
        assertEquals(DataSplit.TEST, DataSplit.of(123456789));
    }

    @Test
    void proportionsAreCloseToEightyTenTen() {
        Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
        int n = 20_000;
        for (long id = 1; id <= n; id++) {
            counts.merge(DataSplit.of(id * 7 + 100_000), 1, Integer::sum);
        }
        assertEquals(0.8, counts.get(DataSplit.TRAIN) / (double) n, 0.015);
        assertEquals(0.1, counts.get(DataSplit.VALIDATION) / (double) n, 0.01);
        assertEquals(0.1, counts.get(DataSplit.TEST) / (double) n, 0.01);
    }

    @Test
    void everyImageLandsInExactlyOneSplitWithAllItsCaptionsEveryTime() {
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
        for (DataSplit split : DataSplit.values()) {
            List<CaptionedPose> part = dataset.split(split);
            assertEquals(part, dataset.split(split), "same split twice");
            for (CaptionedPose s : part) {
                assertTrue(seen.add(s.imageId()), "image " + s.imageId() + " in two splits");
                assertEquals(2, s.captions().size());
            }
            total += part.size();
        }
        assertEquals(samples.size(), total);
    }
}
