package dev.text2pose.trainer.data;

import java.util.List;

/**
 * A stage-2 sample: the one person of an image with all of that image's captions.
 *
 * <p>Captions stay grouped by image rather than expanded into pairs because the paper draws one caption at random
 * each time the image is used, and because the split must keep an image's captions together.
 *
 * @param imageId  COCO image id; the key of the split and of provenance
 * @param pose     the person in the 64 frame
 * @param captions the image's captions in file order, at least one
 */
public record CaptionedPose(long imageId, FramePose pose, List<String> captions) {

    public CaptionedPose {
        captions = List.copyOf(captions);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("image " + imageId + " has no captions");
        }
    }
}
