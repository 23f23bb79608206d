package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

/**
 * Maps a COCO person (keypoints in image pixels, bbox) into the 64x64 frame, exactly as the paper does.
 *
 * <p>The bbox is cropped with its aspect ratio kept: its longer side spans the 64 pixels and the shorter axis is
 * centred. With {@code (x0, y0, w, h)} the bbox:
 * <ul>
 *   <li>if {@code h > w}: {@code x' = 32 - (w/h)*32 + (x - x0)/h*64} and {@code y' = (y - y0)/h*64};</li>
 *   <li>otherwise: {@code x' = (x - x0)/w*64} and {@code y' = 32 - (h/w)*32 + (y - y0)/w*64}.</li>
 * </ul>
 * A square box takes the second branch, where both forms agree. Arithmetic is in double and rounded once to float.
 * Pure and stateless; validation (51 numbers, positive bbox) is the caller's, because the caller counts bad data.
 */
public final class PoseNormalizer {

    private PoseNormalizer() {
    }

    /**
     * Normalises one person.
     *
     * @param keypoints COCO's 51 numbers, 17 x (x, y, v) in image pixels; {@code v > 0} means labelled
     * @param bbox      COCO's {@code [x0, y0, w, h]} in image pixels, {@code w, h > 0}
     * @return the pose in the 64 frame; unlabelled keypoints stay unlabelled
     */
    public static FramePose normalize(float[] keypoints, float[] bbox) {
        double x0 = bbox[0];
        double y0 = bbox[1];
        double w = bbox[2];
        double h = bbox[3];
        double scale = FramePose.FRAME_SIZE / Math.max(w, h);
        // Offsets that centre the shorter axis; one of them is 0.
        double offsetX = h > w ? FramePose.CENTRE - (w / h) * FramePose.CENTRE : 0.0;
        double offsetY = h > w ? 0.0 : FramePose.CENTRE - (h / w) * FramePose.CENTRE;
        float[] x = new float[CocoKeypoints.COUNT];
        float[] y = new float[CocoKeypoints.COUNT];
        boolean[] labelled = new boolean[CocoKeypoints.COUNT];
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            labelled[i] = keypoints[3 * i + 2] > 0;
            if (labelled[i]) {
                x[i] = (float) (offsetX + (keypoints[3 * i] - x0) * scale);
                y[i] = (float) (offsetY + (keypoints[3 * i + 1] - y0) * scale);
            }
        }
        return new FramePose(x, y, labelled);
    }
}
