/**
 * The pose vocabulary both the trainer and the service speak: COCO's 17 keypoints, their skeleton and left/right
 * flip ({@link dev.text2pose.pose.CocoKeypoints}), decoded poses ({@link dev.text2pose.pose.Pose}) and the
 * renderer that turns them into PNG figures. It lives in the shared module, and depends on nothing else here, so
 * that these facts exist in exactly one place.
 */
package dev.text2pose.pose;
