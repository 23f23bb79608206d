package dev.text2pose.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical events behind the golden files in {@code src/test/resources/golden}.
 *
 * <p>Run {@code main} once when a schema version is released, to write {@code <Record>-v<N>.bin}; never rewrite
 * an existing file, since it stands for bytes that producers of that version really sent.
 */
final class GoldenMessages {

    private GoldenMessages() {
    }

    static CaptionEvent caption() {
        return CaptionEvent.newBuilder()
                .setRequestId("golden-1")
                .setCaption("a man swinging a tennis racket")
                .setSamples(3)
                .setSeed(42L)
                .setInterpolation(Interpolation.newBuilder()
                        .setTargetCaption("a man serving a tennis ball").setFrames(5).build())
                .build();
    }

    static PoseEvent pose() {
        List<KeypointValue> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(KeypointValue.newBuilder()
                    .setX(i / 16f).setY(1 - i / 16f).setConfidence(i % 2 == 0 ? 0.9f : 0.1f).setPresent(i % 2 == 0)
                    .build());
        }
        return PoseEvent.newBuilder()
                .setRequestId("golden-1")
                .setModelVersion("paper-cgan-64-untrained-00000000")
                .setSeed(42L)
                .setSamples(1)
                .setFrames(1)
                .setPoses(List.of(PoseFrame.newBuilder().setSample(0).setFrame(0).setKeypoints(keypoints).build()))
                .setQueueWaitMs(1.5)
                .setInferenceMs(2.25)
                .build();
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "schemas/src/test/resources/golden");
        write(folder.resolve("CaptionEvent-v1.bin"), EventCodec.captions().encode(caption()));
        write(folder.resolve("PoseEvent-v1.bin"), EventCodec.poses().encode(pose()));
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists: golden files are never rewritten");
        }
        Files.write(file, bytes);
    }
}
