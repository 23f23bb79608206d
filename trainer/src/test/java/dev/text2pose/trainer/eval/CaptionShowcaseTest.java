package dev.text2pose.trainer.eval;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CaptionShowcaseTest {

    @Test
    void everySourceAnswersTheFiveCaptionsInOrderUnderOneNoiseDraw() {
        List<EvalQuery> seen = new ArrayList<>();
        PoseSource recording = (queries, draws) -> {
            seen.addAll(queries);
            return TestPoses.set(TestPoses.figure(0, 0)).select(new int[queries.size() * draws]);
        };
        List<EvaluationRow> columns = List.of(
                new EvaluationRow("a", "generator", recording, EvaluationRow.Kind.GENERATOR, true),
                new EvaluationRow("b", "baseline", recording, EvaluationRow.Kind.BASELINE, true));
        float[][] vectors = new float[CaptionShowcase.CAPTIONS.size()][];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = new float[] {c, 1};
        }

        BufferedImage image = new CaptionShowcase().render(vectors, 7, columns);

        assertEquals(2 * CaptionShowcase.CAPTIONS.size(), seen.size(), "each column asked once for every caption");
        for (int i = 0; i < seen.size(); i++) {
            int c = i % CaptionShowcase.CAPTIONS.size();
            assertEquals(CaptionShowcase.CAPTIONS.get(c), seen.get(i).caption());
            assertEquals(vectors[c], seen.get(i).embedding());
            assertEquals(seen.get(0).noiseSeed(), seen.get(i).noiseSeed(), "one noise draw for every caption");
        }
        assertEquals(2 * 128, image.getWidth(), "one 128-pixel column per source");
    }
}
