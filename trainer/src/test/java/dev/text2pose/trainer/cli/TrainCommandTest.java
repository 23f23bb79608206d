package dev.text2pose.trainer.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.BundleMetadata;
import dev.text2pose.model.GeneratorGraph;
import dev.text2pose.text.MiniLmEncoder;
import dev.text2pose.trainer.TensorArrays;
import dev.text2pose.trainer.data.DataSplit;
import dev.text2pose.trainer.data.FramePose;
import dev.text2pose.trainer.eval.EvalFixture;
import dev.text2pose.trainer.export.OnnxExporter;
import dev.text2pose.trainer.model.HeatmapGenerator;
import dev.text2pose.trainer.model.PaperSpec;
import dev.text2pose.trainer.model.TextScaling;
import dev.text2pose.trainer.train.Checkpoint;
import dev.text2pose.trainer.train.ModelKind;
import dev.text2pose.trainer.train.Stage;
import dev.text2pose.trainer.train.TrainConfig;
import dev.text2pose.trainer.train.TrainRun;
import dev.text2pose.trainer.train.Trainer;
import dev.text2pose.trainer.train.TrainedGenerators;
import dev.text2pose.trainer.train.TrainingData;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} and {@code export --checkpoint} end to end on fixtures: the trainer's smoke test from the CLI. */
@SuppressWarnings("try")
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsStageOneFromCocoFilesAndResumes() throws IOException {
        Path data = cocoFixture(dir.resolve("coco"));
        Path run = dir.resolve("run");
        StringWriter out = new StringWriter();
        assertEquals(0, execute(out, "train", "--stage", "uncond", "--preset", "smoke", "--data", data.toString(),
                "--output", run.toString()), out::toString);
        assertTrue(out.toString().contains("steps 0 -> 2 of 2 (finished)"), out::toString);
        assertEquals(0, execute(out, "train", "--resume", "--set", "steps=3", "--data", data.toString(),
                "--output", run.toString()));
        assertTrue(out.toString().contains("steps 2 -> 3 of 3"), out::toString);
        assertEquals(4, Files.readAllLines(run.resolve("losses.csv")).size());
        assertEquals(2, execute(out, "train", "--resume", "--set", "lambda=1", "--data", data.toString(),
                "--output", run.toString()), "a trajectory key cannot change on resume");
        assertEquals(2, execute(out, "train", "--set", "bogus=1", "--output", dir.resolve("x").toString()));
    }

    @Test
    void exportsATrainedGeneratorWithProvenanceAndParity() throws IOException, OrtException {
        Path run = dir.resolve("cond");
        TrainConfig config = TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP);
        Trainer.run(config, conditionalData(), new TrainRun(run, false, "abc1234",
                new PrintStream(OutputStream.nullOutputStream())));
        Path bundle = dir.resolve("trained.onnx");
        assertEquals(0, execute(new StringWriter(), "export", "--checkpoint", run.toString(), "--output",
                bundle.toString()));

        int n = 3;
        Random random = new Random(5);
        float[] text = TensorArrays.unitRows(random, n, PaperSpec.TEXT_DIM);
        float[] noise = TensorArrays.gaussian(random, n * PaperSpec.NOISE_DIM);
        float[] expected;
        HeatmapGenerator generator = TrainedGenerators.heatmap(Checkpoint.in(run), true);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            expected = TensorArrays.values(generator.forward(Tensor.create(noise, n, PaperSpec.NOISE_DIM),
                    TextScaling.apply(Tensor.create(text, n, PaperSpec.TEXT_DIM), config.embeddingScale())));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bundle.toString());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(text), new long[] {n, PaperSpec.TEXT_DIM});
             OnnxTensor z = OnnxTensor.createTensor(env, FloatBuffer.wrap(noise), new long[] {n, PaperSpec.NOISE_DIM});
             OrtSession.Result result = session.run(Map.of(GeneratorGraph.TEXT_INPUT, t, GeneratorGraph.NOISE_INPUT, z))) {
            BundleMetadata metadata = BundleMetadata.fromProperties(session.getMetadata().getCustomMetadata());
            assertTrue(metadata.trained());
            assertEquals("[0,1]", metadata.heatmaps().range());
            assertEquals("smoke", metadata.provenance().get("preset"));
            assertEquals("2", metadata.provenance().get("steps"));
            assertEquals("abc1234", metadata.provenance().get("code_version"));
            assertEquals("fixture-hash-cond", metadata.provenance().get("data_hash"));
            assertEquals(MiniLmEncoder.classpathFingerprint(), metadata.encoderFingerprint(),
                    "the bundle records the encoder the checkpoint was trained with");
            FloatBuffer heatmaps = ((OnnxTensor) result.get(GeneratorGraph.HEATMAP_OUTPUT).get()).getFloatBuffer();
            float[] actual = new float[heatmaps.remaining()];
            heatmaps.get(actual);
            assertArrayEquals(expected, actual, 1e-4f);
        }
    }

    @Test
    void exportCalibratesPresenceOnTheValidationSplitAndRecordsIt() throws IOException, OrtException {
        Path run = dir.resolve("cond");
        Trainer.run(TrainConfig.preset("smoke", Stage.COND, ModelKind.HEATMAP), conditionalData(),
                new TrainRun(run, false, "abc1234", new PrintStream(OutputStream.nullOutputStream())));
        Path coco = Files.createDirectories(dir.resolve("coco"));
        EvalFixture.writeCocoFolder(coco, 4, DataSplit.VALIDATION, 5);
        Path bundle = dir.resolve("calibrated.onnx");
        StringWriter out = new StringWriter();
        assertEquals(0, execute(out, "export", "--checkpoint", run.toString(), "--calibrate-presence", "--data",
                coco.toString(), "--cache", dir.resolve("cache").toString(), "--output", bundle.toString()),
                out::toString);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bundle.toString())) {
            Map<String, String> provenance = BundleMetadata.fromProperties(session.getMetadata()
                    .getCustomMetadata()).provenance();
            assertTrue(provenance.get(OnnxExporter.PRESENCE_THRESHOLDS_KEY).startsWith("nose="), provenance::toString);
            assertTrue(provenance.get("presence_calibration").contains("validation split (text2pose-split-v2:) of "
                    + "person_keypoints_val2017.json: 5 images, 10 captions"), provenance::toString);
        }
        assertEquals(2, execute(out, "export", "--untrained", "--calibrate-presence", "--output",
                dir.resolve("x.onnx").toString()), "calibration needs a trained checkpoint");
    }

    private static TrainingData conditionalData() {
        Random random = new Random(3);
        List<FramePose> poses = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        List<float[][]> vectors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[] x = new float[17];
            float[] y = new float[17];
            boolean[] on = new boolean[17];
            for (int k = 0; k < 17; k++) {
                x[k] = 20 + random.nextFloat() * 24;
                y[k] = 4 + k * 3.5f;
                on[k] = true;
            }
            poses.add(new FramePose(x, y, on));
            captions.add(List.of("caption " + i));
            vectors.add(new float[][] {TensorArrays.unitRows(random, 1, PaperSpec.TEXT_DIM)});
        }
        // Random vectors claimed as MiniLM's, so the export path's encoder checks run against the real encoder.
        return new TrainingData("fixture", poses, captions, vectors, MiniLmEncoder.classpathFingerprint(),
                "fixture-hash-cond");
    }

    /** A train2017 keypoint file of 6 persons with all 17 keypoints, in the official layout; empty other files. */
    private static Path cocoFixture(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringJoiner images = new StringJoiner(", ");
        StringJoiner annotations = new StringJoiner(", ");
        for (int i = 1; i <= 6; i++) {
            images.add("{\"id\": " + i + ", \"width\": 640, \"height\": 480, \"file_name\": \"" + i + ".jpg\"}");
            StringJoiner keypoints = new StringJoiner(", ");
            for (int k = 0; k < 17; k++) {
                keypoints.add(String.valueOf(100 + 3 * k + i)).add(String.valueOf(50 + 8 * k)).add("2");
            }
            annotations.add("{\"id\": " + i + ", \"image_id\": " + i + ", \"category_id\": 1, \"iscrowd\": 0, "
                    + "\"num_keypoints\": 17, \"keypoints\": [" + keypoints + "], \"bbox\": [90, 40, 80, 150], "
                    + "\"area\": 12000}");
        }
        String keypointFile = "{\"images\": [" + images + "], \"annotations\": [" + annotations + "], "
                + "\"categories\": [{\"id\": 1, \"name\": \"person\"}]}";
        Files.writeString(folder.resolve("person_keypoints_train2017.json"), keypointFile);
        Files.writeString(folder.resolve("person_keypoints_val2017.json"),
                "{\"images\": [], \"annotations\": [], \"categories\": []}");
        Files.writeString(folder.resolve("captions_val2017.json"), "{\"images\": [], \"annotations\": []}");
        Files.writeString(folder.resolve("captions_train2017.json"), "{\"images\": [], \"annotations\": []}");
        return folder;
    }

    private static int execute(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
