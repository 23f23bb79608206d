package dev.text2pose.trainer.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two selection rules and the bad-data counts, on one hand-made file with a case per image. */
class DatasetBuilderTest {

    @TempDir
    Path dir;

    private Path keypoints;
    private Path captions;

    @BeforeEach
    void writeFixture() throws IOException {
        CocoFixture k = new CocoFixture();
        for (int id = 1; id <= 12; id++) {
            k.image(id, 640, 480);
        }
        k.rawImage("{\"id\": 13, \"height\": 480}");                       // no width: IMAGE_MISSING_FIELD
        k.image(1, 640, 480);                                                // DUPLICATE_IMAGE
        k.person(1, 10);                                                     // usable, single: stage 2 sample
        k.person(2, 10).person(2, 12);                                       // two usable: MULTI_PERSON
        k.person(3, 10).crowd(3);                                            // crowd counts as a person
        k.person(4, 5);                                                      // TOO_FEW_KEYPOINTS
        k.rawAnnotation(personJson(5, CocoFixture.keypoints(10, 600, 60), "[40, 50, 100, 120]"));  // x > 640
        k.rawAnnotation(personJson(6, "[1, 2, 2]", "[40, 50, 100, 120]"));  // KEYPOINTS_MALFORMED
        k.rawAnnotation(personJson(7, CocoFixture.keypoints(10, 50, 60), "[40, 50, 0, 120]"));  // BBOX_INVALID
        k.rawAnnotation("{\"image_id\": 8, \"category_id\": 1, \"keypoints\": "
                + CocoFixture.keypoints(10, 50, 60) + "}");                  // no bbox: MISSING_FIELD
        k.person(999, 10);                                                   // UNKNOWN_IMAGE
        k.rawAnnotation(personJson(9, CocoFixture.keypoints(10, 50, 60), "[40, 50, 100, 120]")
                .replace("\"category_id\": 1", "\"category_id\": 2"));     // a bicycle: NOT_PERSON
        k.person(9, 8);                                                      // usable, but image 9 has no captions
        // image 10: nobody. image 11: one usable person. image 12: one person without keypoints.
        k.person(11, 17).person(12, 0);
        keypoints = CocoFixture.write(dir.resolve("person_keypoints.json"), k.keypointJson(), true);

        CocoFixture c = new CocoFixture().image(1, 640, 480).image(11, 640, 480).image(777, 640, 480);
        c.caption(1, "A man is skiing.").caption(1, "Someone skis down a hill.").caption(11, "A woman runs.");
        c.caption(777, "A bowl of fruit.");                                   // image without people: unused
        c.caption(5000, "Nowhere.");                                         // CAPTION_UNKNOWN_IMAGE
        c.rawCaption("{\"image_id\": 11, \"caption\": \"   \"}");           // CAPTION_MISSING_FIELD
        c.caption(2, "Two people.");                                         // known from the keypoint file
        captions = CocoFixture.write(dir.resolve("captions.json"), c.captionJson(), false);
    }

    private static String personJson(long imageId, String keypoints, String bbox) {
        return "{\"image_id\": " + imageId + ", \"category_id\": 1, \"iscrowd\": 0, \"keypoints\": " + keypoints
                + ", \"bbox\": " + bbox + "}";
    }

    @Test
    void stage1KeepsEveryUsablePersonWithMoreThanSevenKeypoints() throws IOException {
        PoseDataset dataset = CocoDatasets.stage1(keypoints);
        // images 1, 2 (two), 3, 9, 11.
        assertEquals(6, dataset.poses().size());
        assertEquals(10, dataset.poses().get(0).labelledCount());
        DataReport report = dataset.report();
        assertEquals(14, report.images());
        assertEquals(15, report.annotations());
        assertEquals(1, report.count(SkipReason.CROWD));
        assertEquals(2, report.count(SkipReason.TOO_FEW_KEYPOINTS));
        assertEquals(1, report.count(SkipReason.NOT_PERSON));
        assertEquals(1, report.count(SkipReason.KEYPOINT_OUTSIDE_IMAGE));
        assertEquals(1, report.count(SkipReason.KEYPOINTS_MALFORMED));
        assertEquals(1, report.count(SkipReason.BBOX_INVALID));
        assertEquals(1, report.count(SkipReason.MISSING_FIELD));
        assertEquals(1, report.count(SkipReason.UNKNOWN_IMAGE));
        assertEquals(1, report.count(SkipReason.IMAGE_MISSING_FIELD));
        assertEquals(1, report.count(SkipReason.DUPLICATE_IMAGE));
        assertEquals(7, report.badTotal());
    }

    @Test
    void stage2KeepsSinglePersonImagesWithAllTheirCaptions() throws IOException {
        CaptionedPoseDataset dataset = CocoDatasets.stage2(keypoints, captions);
        List<CaptionedPose> samples = dataset.samples();
        assertEquals(List.of(1L, 11L), samples.stream().map(CaptionedPose::imageId).toList());
        assertEquals(List.of("A man is skiing.", "Someone skis down a hill."), samples.get(0).captions());
        assertEquals(17, samples.get(1).pose().labelledCount());
        DataReport report = dataset.report();
        assertEquals(2, report.samples());
        assertEquals(3, report.pairs());
        assertEquals(7, report.captions());
        assertEquals(2, report.count(SkipReason.MULTI_PERSON));         // images 2 and 3
        assertEquals(1, report.count(SkipReason.NO_PERSON));            // image 10
        assertEquals(6, report.count(SkipReason.PERSON_UNUSABLE));      // images 4, 5, 6, 7, 8, 12
        assertEquals(1, report.count(SkipReason.NO_CAPTIONS));          // image 9
        assertEquals(1, report.count(SkipReason.CAPTION_UNKNOWN_IMAGE));
        assertEquals(1, report.count(SkipReason.CAPTION_MISSING_FIELD));
        assertEquals(1, report.count(SkipReason.CROWD));
        assertTrue(report.format().contains("more than one person annotated"), report.format());
    }

    @Test
    void aFileWithNothingUsableFailsWithTheReport() throws IOException {
        Path onlyCrowds = CocoFixture.write(dir.resolve("crowds.json"),
                new CocoFixture().image(1, 640, 480).crowd(1).person(1, 3).keypointJson(), false);
        NoUsableDataException e = assertThrows(NoUsableDataException.class, () -> CocoDatasets.stage1(onlyCrowds));
        assertEquals(1, e.report().count(SkipReason.CROWD));
        assertEquals(1, e.report().count(SkipReason.TOO_FEW_KEYPOINTS));
        assertTrue(e.getMessage().contains("crowd region"), e.getMessage());
    }
}
