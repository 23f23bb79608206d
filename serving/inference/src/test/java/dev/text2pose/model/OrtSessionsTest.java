package dev.text2pose.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The provider choice. These tests hold on a machine with or without a GPU: where {@link CudaProbe} finds one with
 * the CUDA libraries, AUTO and CUDA must take it if a CUDA session works; where it finds none, AUTO must run on the
 * CPU without asking ONNX Runtime for CUDA, and CUDA must fail at once, saying why.
 */
class OrtSessionsTest {

    @Test
    void cpuNeverTriesCuda() {
        try (ProviderSession session = OrtSessions.cpu().open(TinyBundle.bytes(), "tiny")) {
            assertEquals(ExecutionProvider.CPU, session.provider());
        }
    }

    @Test
    void autoTakesCudaWhereItWorksAndTheCpuElsewhere() {
        OrtSessions auto = new OrtSessions(ExecutionProvider.AUTO, 1);
        try (ProviderSession first = auto.open(TinyBundle.bytes(), "tiny");
             ProviderSession second = auto.open(TinyBundle.bytes(), "tiny")) {
            assertEquals(cudaWorks() ? ExecutionProvider.CUDA : ExecutionProvider.CPU, first.provider());
            assertEquals(first.provider(), second.provider(), "later sessions follow the first one's outcome");
        }
    }

    @Test
    void forcedCudaRunsOnCudaOrFailsWithOneClearMessage() {
        OrtSessions cuda = new OrtSessions(ExecutionProvider.CUDA, 0);
        if (cudaWorks()) {
            try (ProviderSession session = cuda.open(TinyBundle.bytes(), "tiny")) {
                assertEquals(ExecutionProvider.CUDA, session.provider());
            }
        } else {
            InferenceException e = assertThrows(InferenceException.class, () -> cuda.open(TinyBundle.bytes(), "tiny"));
            assertTrue(e.getMessage().startsWith("CUDA was requested for tiny"), e.getMessage());
            if (!CudaProbe.here().worthTrying()) {
                assertTrue(e.getMessage().contains(CudaProbe.here().reason()), e.getMessage());
            }
        }
    }

    /**
     * A CPU machine pays nothing for the GPU path: AUTO says in one line why it runs on the CPU, and neither a
     * running process nor one killed without its exit hooks (as a crashed service is) leaves ONNX Runtime's unpacked
     * libraries in the temporary folder. A fresh process, because ONNX Runtime unpacks once per process.
     */
    @Test
    void onACpuMachineAutoUnpacksNothingThatOutlivesTheProcess(@TempDir Path temp) throws Exception {
        assumeFalse(CudaProbe.here().worthTrying(), "this machine may run CUDA: " + CudaProbe.here().reason());
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                AutoSessionProcess.class.getName()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null && !line.startsWith("provider "); line = lines.readLine()) {
                output.add(line);
            }
            assertTrue(output.stream().anyMatch(line -> line.contains("ONNX Runtime sessions run on CPU (requested AUTO: "
                    + CudaProbe.here().reason())), "the INFO line: " + output);
            assertTrue(output.stream().noneMatch(line -> line.contains("providers_cuda")), "no CUDA error: " + output);
            assertEquals(List.of(), unpacked(temp), "while it runs");
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(List.of(), unpacked(temp), "after it was killed");
    }

    @Test
    void aBrokenModelFailsOnCpuTooInsteadOfHidingBehindTheFallback() {
        OrtSessions auto = new OrtSessions(ExecutionProvider.AUTO, 0);
        InferenceException e = assertThrows(InferenceException.class, () -> auto.open(new byte[] {1, 2, 3}, "junk"));
        assertTrue(e.getMessage().contains("junk"), e.getMessage());
    }

    @Test
    void rejectsNegativeThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new OrtSessions(ExecutionProvider.CPU, -1));
    }

    /** ONNX Runtime's unpack folders and any native library under {@code temp}. */
    private static List<Path> unpacked(Path temp) throws IOException {
        try (Stream<Path> paths = Files.walk(temp)) {
            return paths.filter(p -> p.getFileName().toString().startsWith("onnxruntime-java")
                    || p.getFileName().toString().endsWith(".so")).toList();
        }
    }

    /**
     * Asked independently of the class under test, and only where the probe lets it (asking is what costs a CPU
     * machine 369 MB and a native error): can a CUDA session be made here at all?
     */
    private static boolean cudaWorks() {
        if (!CudaProbe.here().worthTrying()) {
            return false;
        }
        try (var options = new ai.onnxruntime.OrtSession.SessionOptions()) {
            options.addCUDA(0);
            ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(TinyBundle.bytes(), options).close();
            return true;
        } catch (ai.onnxruntime.OrtException e) {
            return false;
        }
    }
}
