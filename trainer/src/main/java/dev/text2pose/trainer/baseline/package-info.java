/**
 * The paper's regression baseline: an MLP generator that maps noise and a caption vector straight to keypoint
 * coordinates and visibilities, and an MLP critic over the same vectors. It is trained by the same {@code train}
 * command ({@code --model mlp}, through {@code dev.text2pose.trainer.train.MlpGan}) so that the evaluation can set
 * the heatmap model beside it on the same split; {@link dev.text2pose.trainer.baseline.MlpPoses#keypoints} decodes
 * its output to the same (x, y, confidence) form as the exported heatmap model's keypoints.
 */
package dev.text2pose.trainer.baseline;
