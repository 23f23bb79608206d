package dev.text2pose.serving.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.schema.KeypointValue;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.schema.PoseFrame;

import java.util.List;

/** A pose event as one line of JSON, with keypoint names spelled out for people and scripts. */
final class PoseJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PoseJson() {
    }

    static String line(PoseEvent event) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("requestId", event.getRequestId())
                .put("modelVersion", event.getModelVersion())
                .put("seed", event.getSeed())
                .put("samples", event.getSamples())
                .put("frames", event.getFrames())
                .put("queueWaitMs", event.getQueueWaitMs())
                .put("inferenceMs", event.getInferenceMs());
        ArrayNode poses = root.putArray("poses");
        for (PoseFrame frame : event.getPoses()) {
            ObjectNode pose = poses.addObject().put("sample", frame.getSample()).put("frame", frame.getFrame());
            ObjectNode keypoints = pose.putObject("keypoints");
            List<KeypointValue> values = frame.getKeypoints();
            for (int i = 0; i < values.size(); i++) {
                KeypointValue k = values.get(i);
                keypoints.putObject(CocoKeypoints.NAMES.get(i))
                        .put("x", round(k.getX())).put("y", round(k.getY()))
                        .put("confidence", round(k.getConfidence())).put("present", k.getPresent());
            }
        }
        return root.toString();
    }

    private static double round(float value) {
        return Math.round(value * 1e4) / 1e4;
    }
}
