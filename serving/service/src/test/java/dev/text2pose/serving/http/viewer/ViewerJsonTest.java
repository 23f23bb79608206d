package dev.text2pose.serving.http.viewer;

import dev.text2pose.pose.CocoKeypoints;
import dev.text2pose.schema.KeypointValue;
import dev.text2pose.schema.PoseEvent;
import dev.text2pose.schema.PoseFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewerJsonTest {

    @Test
    void skeletonIsCocosWithTheRenderersColours() {
        JsonObject skeleton = ViewerJson.skeleton();
        JsonArray keypoints = skeleton.getJsonArray("keypoints");
        assertEquals(CocoKeypoints.NAMES, keypoints.stream().map(k -> ((JsonObject) k).getString("name")).toList());
        assertEquals(CocoKeypoints.SKELETON.size(), skeleton.getJsonArray("edges").size());
        assertEquals("#1f77b4", keypoints.getJsonObject(CocoKeypoints.NAMES.indexOf("left_wrist")).getString("colour"));
        assertEquals("#d62728",
                keypoints.getJsonObject(CocoKeypoints.NAMES.indexOf("right_wrist")).getString("colour"));
        JsonObject shoulders = skeleton.getJsonArray("edges").stream().map(JsonObject.class::cast)
                .filter(e -> e.getInteger("from") == 5 && e.getInteger("to") == 6).findFirst().orElseThrow();
        assertEquals(skeleton.getJsonObject("sides").getString("centre"), shoulders.getString("colour"));
    }

    @Test
    void poseCarriesEverySampleAndFrameInOrder() {
        List<PoseFrame> frames = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int f = 0; f < 3; f++) {
                frames.add(new PoseFrame(s, f, Collections.nCopies(CocoKeypoints.COUNT,
                        new KeypointValue(s * 0.5f, f * 0.25f, 0.5f, f != 1))));
            }
        }
        PoseEvent event = PoseEvent.newBuilder().setRequestId("r").setModelVersion("v").setSeed(1L).setSamples(2)
                .setFrames(3).setPoses(frames).setQueueWaitMs(1.0).setInferenceMs(2.0).build();
        RecentRequests.Entry entry = new RecentRequests.Entry("r", "a <b>dog</b>", Optional.of("a cat"), 3, 0L,
                Optional.of(12.5), Optional.of("v"));
        JsonObject json = ViewerJson.pose(entry, event);
        assertEquals("a <b>dog</b>", json.getString("caption"), "text stays text; the page never parses it as HTML");
        assertEquals(12.5, json.getDouble("latencyMs"));
        JsonArray poses = json.getJsonArray("poses");
        assertEquals(2, poses.size());
        assertEquals(3, poses.getJsonArray(1).size());
        assertEquals(new JsonArray().add(0.5).add(0.5).add(0.5).add(1),
                poses.getJsonArray(1).getJsonArray(2).getJsonArray(0));
        assertEquals(0, poses.getJsonArray(0).getJsonArray(1).getJsonArray(16).getInteger(3), "absent keypoint");
    }
}
