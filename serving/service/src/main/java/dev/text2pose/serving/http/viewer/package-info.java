/**
 * The web viewer: a page on the service's own HTTP server where a person types a caption, the service produces it
 * to the caption topic like any other client, and the page draws the answer live as it arrives on the pose topic.
 *
 * <p>The viewer is a Kafka client beside the pipeline, not a shortcut into it: {@link
 * dev.text2pose.serving.http.viewer.CaptionSubmitter} produces caption events and {@link
 * dev.text2pose.serving.http.viewer.PoseFeed} reads every partition of the pose topic, so what the page shows is what
 * any consumer would see, whichever instance served the request. Poses reach the page as server-sent events. The
 * skeleton, keypoint names and colours come from {@link dev.text2pose.pose.CocoKeypoints} and {@link
 * dev.text2pose.pose.SkeletonRenderer} as JSON, so the page repeats none of them. The page uses no inline script and
 * sets user text with {@code textContent} only, and its Content-Security-Policy forbids anything else.
 */
package dev.text2pose.serving.http.viewer;
