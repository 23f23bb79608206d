package dev.text2pose.serving.http.viewer;

import dev.text2pose.model.RequestLimits;
import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.pose.Keypoint;
import dev.text2pose.pose.Pose;
import dev.text2pose.pose.SkeletonRenderer;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.serving.pipeline.PoseEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.awt.Color;
import java.util.List;

/** The JSON the page reads. Every fact about keypoints, the skeleton and its colours comes from the shared code. */
final class ViewerJson {

    private ViewerJson() {
    }

    /** Keypoint names in COCO order, the skeleton's edges and the renderer's colours. */
    static JsonObject skeleton() {
        JsonArray keypoints = new JsonArray();
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            keypoints.add(new JsonObject().put("name", CocoKeypoints.NAMES.get(i))
                    .put("colour", hex(SkeletonRenderer.keypointColour(i))));
        }
        JsonArray edges = new JsonArray();
        for (int[] edge : CocoKeypoints.SKELETON) {
            edges.add(new JsonObject().put("from", edge[0]).put("to", edge[1])
                    .put("colour", hex(SkeletonRenderer.edgeColour(edge[0], edge[1]))));
        }
        JsonObject sides = new JsonObject().put("left", hex(SkeletonRenderer.LEFT))
                .put("right", hex(SkeletonRenderer.RIGHT)).put("centre", hex(SkeletonRenderer.CENTRE));
        return new JsonObject().put("keypoints", keypoints).put("edges", edges).put("sides", sides)
                .put("background", hex(SkeletonRenderer.BACKGROUND));
    }

    /** What the form may send: the request limits the service enforces. */
    static JsonObject limits() {
        return new JsonObject().put("maxCaptionChars", RequestLimits.MAX_CAPTION_CHARS)
                .put("minFrames", RequestLimits.MIN_INTERPOLATION_FRAMES)
                .put("maxFrames", RequestLimits.MAX_INTERPOLATION_FRAMES);
    }

    /** One remembered request, as the page's list shows it. */
    static JsonObject request(RecentRequests.Entry entry) {
        JsonObject json = new JsonObject().put("requestId", entry.requestId()).put("caption", entry.caption())
                .put("frames", entry.frames());
        entry.target().ifPresent(t -> json.put("target", t));
        entry.latencyMs().ifPresent(ms -> json.put("latencyMs", round(ms)));
        entry.modelVersion().ifPresent(v -> json.put("modelVersion", v));
        return json;
    }

    static JsonArray requests(List<RecentRequests.Entry> entries) {
        JsonArray array = new JsonArray();
        entries.forEach(e -> array.add(request(e)));
        return array;
    }

    /**
     * An answered request with its poses: {@code poses[sample][frame][keypoint] = [x, y, confidence, present]}, in
     * the normalised person frame (0-1, y down), present as 1 or 0.
     */
    static JsonObject pose(RecentRequests.Entry entry, PoseEvent event) {
        JsonArray samples = new JsonArray();
        for (List<Pose> frames : PoseEvents.toPoses(event)) {
            JsonArray sample = new JsonArray();
            for (Pose pose : frames) {
                JsonArray keypoints = new JsonArray();
                for (Keypoint k : pose.keypoints()) {
                    keypoints.add(new JsonArray().add(round(k.x())).add(round(k.y())).add(round(k.confidence()))
                            .add(k.present() ? 1 : 0));
                }
                sample.add(keypoints);
            }
            samples.add(sample);
        }
        return request(entry).put("inferenceMs", round(event.getInferenceMs()))
                .put("queueWaitMs", round(event.getQueueWaitMs())).put("poses", samples);
    }

    private static String hex(Color colour) {
        return String.format("#%02x%02x%02x", colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    private static double round(double value) {
        return Math.round(value * 1e4) / 1e4;
    }
}
