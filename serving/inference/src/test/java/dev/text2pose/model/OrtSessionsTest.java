package dev.text2pose.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider choice. These tests hold on a machine with or without a GPU: where CUDA is there, AUTO and CUDA
 * must take it; where it is not, AUTO must fall back and CUDA must fail loudly.
 */
class OrtSessionsTest {

    @Test
    void cpuNeverTriesCuda() {
        try (ProviderSession session = OrtSessions.cpu().open(TinyBundle.bytes(), "tiny")) {
            assertEquals(ExecutionProvider.CPU, session.provider());
        }
    }

    @Test
    void autoTakesCudaOrFallsBackToCpu() {
        OrtSessions auto = new OrtSessions(ExecutionProvider.AUTO, 1);
        try (ProviderSession first = auto.open(TinyBundle.bytes(), "tiny");
             ProviderSession second = auto.open(TinyBundle.bytes(), "tiny")) {
            assertEquals(cudaWorks() ? ExecutionProvider.CUDA : ExecutionProvider.CPU, first.provider());
            assertEquals(first.provider(), second.provider(), "later sessions follow the first one's outcome");
        }
    }

    @Test
    void forcedCudaRunsOnCudaOrFailsLoudly() {
        OrtSessions cuda = new OrtSessions(ExecutionProvider.CUDA, 0);
        if (cudaWorks()) {
            try (ProviderSession session = cuda.open(TinyBundle.bytes(), "tiny")) {
                assertEquals(ExecutionProvider.CUDA, session.provider());
            }
        } else {
            InferenceException e = assertThrows(InferenceException.class, () -> cuda.open(TinyBundle.bytes(), "tiny"));
            assertTrue(e.getMessage().startsWith("CUDA was requested for tiny"), e.getMessage());
        }
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

    /** Asked independently of the class under test: can a CUDA session be made here at all? */
    private static boolean cudaWorks() {
        try (var options = new ai.onnxruntime.OrtSession.SessionOptions()) {
            options.addCUDA(0);
            ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(TinyBundle.bytes(), options).close();
            return true;
        } catch (ai.onnxruntime.OrtException e) {
            return false;
        }
    }
}
