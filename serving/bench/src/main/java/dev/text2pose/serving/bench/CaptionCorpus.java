package dev.text2pose.serving.bench;

import dev.text2pose.model.PoseRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Distinct, realistic captions for load: subject x action x place, plus a number, so that no two requests share a
 * caption (the generator encodes each distinct caption once per batch; repeated captions would flatter it).
 */
final class CaptionCorpus {

    private static final String[] SUBJECTS = {"a man", "a woman", "a boy", "a girl", "a person", "an old man",
            "a tennis player", "a skier", "a surfer", "a young woman"};
    private static final String[] ACTIONS = {"swinging a tennis racket", "sitting behind a table",
            "throwing a frisbee", "standing", "riding a skateboard", "holding a surfboard", "eating a pizza",
            "running", "jumping in the air", "walking with an umbrella"};
    private static final String[] PLACES = {"on a beach", "in a park", "on a field", "in a kitchen",
            "on a snowy slope", "in the street", "at the court", "near the water"};

    private CaptionCorpus() {
    }

    /** The {@code i}-th caption; captions differ for different {@code i}. */
    static String caption(long i) {
        return SUBJECTS[(int) (i % SUBJECTS.length)] + " " + ACTIONS[(int) (i / SUBJECTS.length % ACTIONS.length)]
                + " " + PLACES[(int) (i / 100 % PLACES.length)] + " number " + i;
    }

    /** {@code count} single-pose requests starting at caption {@code from}. */
    static List<PoseRequest> requests(long from, int count) {
        List<PoseRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(PoseRequest.of(caption(from + i), 1, from + i));
        }
        return requests;
    }
}
