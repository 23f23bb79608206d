package dev.text2pose.trainer.data;

import dev.text2pose.pose.CocoKeypoints;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 over the normalised samples, recorded in the model bundle so a trained model names its data.
 *
 * <p>It hashes what training sees, not the input file bytes: the same file read under changed rules (a different
 * keypoint threshold, a fixed normaliser) gives a different hash, while a re-compressed or re-formatted file with
 * the same content gives the same one. The encoding, all big-endian, is:
 * <ul>
 *   <li>a tag, {@code "text2pose-poses-v1"} or {@code "text2pose-captioned-v1"}, in UTF-8, and the sample count
 *       (int);</li>
 *   <li>per sample, in dataset order: for stage 2 the image id (long); then per keypoint the float bits of x and
 *       y and one byte for labelled; for stage 2 the caption count (int) and each caption as its UTF-8 length
 *       (int) and bytes.</li>
 * </ul>
 * The split is not hashed: it is a fixed function of the image id ({@link DataSplit#SALT}).
 */
public final class DatasetHash {

    private static final int POSE_BYTES = CocoKeypoints.COUNT * (4 + 4 + 1);

    private DatasetHash() {
    }

    /** The hash of a stage-1 pose list, as lowercase hex. */
    public static String ofPoses(List<FramePose> poses) {
        MessageDigest digest = header("text2pose-poses-v1", poses.size());
        ByteBuffer buffer = ByteBuffer.allocate(POSE_BYTES);
        for (FramePose pose : poses) {
            putPose(buffer.clear(), pose);
            digest.update(buffer.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash of a stage-2 sample list, captions included, as lowercase hex. */
    public static String ofCaptioned(List<CaptionedPose> samples) {
        MessageDigest digest = header("text2pose-captioned-v1", samples.size());
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + POSE_BYTES + Integer.BYTES);
        for (CaptionedPose sample : samples) {
            buffer.clear().putLong(sample.imageId());
            putPose(buffer, sample.pose());
            digest.update(buffer.putInt(sample.captions().size()).flip());
            for (String caption : sample.captions()) {
                byte[] text = caption.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(text.length).flip());
                digest.update(text);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest header(String tag, int count) {
        MessageDigest digest = sha256();
        digest.update(tag.getBytes(StandardCharsets.UTF_8));
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(count).flip());
        return digest;
    }

    private static void putPose(ByteBuffer buffer, FramePose pose) {
        for (int i = 0; i < CocoKeypoints.COUNT; i++) {
            buffer.putFloat(pose.x(i)).putFloat(pose.y(i)).put((byte) (pose.isLabelled(i) ? 1 : 0));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
