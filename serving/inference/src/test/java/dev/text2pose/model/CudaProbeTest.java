package dev.text2pose.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's decision as a function of the facts, and the facts as read from folders the test lays out. */
class CudaProbeTest {

    private static final Predicate<String> EVERY_LIBRARY = name -> true;

    @TempDir
    Path dir;

    @Test
    void withoutAVisibleGpuCudaIsNotWorthTryingWhateverTheLibraries() {
        CudaProbe.Verdict verdict = CudaProbe.decide(false, EVERY_LIBRARY);
        assertFalse(verdict.worthTrying());
        assertTrue(verdict.reason().contains("no NVIDIA GPU is visible"), verdict.reason());
    }

    @Test
    void aGpuWithoutTheCudaLibrariesIsNotWorthTryingAndTheReasonNamesWhatIsMissing() {
        Set<String> missing = Set.of("libcublasLt.so.12", "libcudnn.so.9");
        CudaProbe.Verdict verdict = CudaProbe.decide(true, name -> !missing.contains(name));
        assertFalse(verdict.worthTrying());
        assertTrue(verdict.reason().contains("libcublasLt.so.12, libcudnn.so.9"), verdict.reason());
        assertFalse(verdict.reason().contains("libcuda.so.1"), "only the missing ones: " + verdict.reason());
    }

    @Test
    void aGpuWithEveryLibraryIsWorthTrying() {
        assertTrue(CudaProbe.decide(true, EVERY_LIBRARY).worthTrying());
    }

    @Test
    void aGpuIsANumberedNvidiaDeviceNodeOrWslsDxg() throws IOException {
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Files.createFile(dev.resolve("nvidiactl"));
        Files.createFile(dev.resolve("nvidia-uvm"));
        assertFalse(CudaProbe.gpuVisible(dev), "the control nodes alone are no GPU");
        Files.createFile(dev.resolve("nvidia0"));
        assertTrue(CudaProbe.gpuVisible(dev));
        Path wsl = Files.createDirectories(dir.resolve("wsl"));
        Files.createFile(wsl.resolve("dxg"));
        assertTrue(CudaProbe.gpuVisible(wsl));
        assertFalse(CudaProbe.gpuVisible(dir.resolve("absent")));
    }

    @Test
    void librariesAreFoundInTheSearchedDirectoriesOrInTheLinkerCache() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("cuda/lib64"));
        Files.createFile(lib.resolve("libcudart.so.12"));
        Path cache = dir.resolve("ld.so.cache");
        Files.write(cache, "glibc-ld.so.cache1.1\0libcuda.so.1\0/usr/lib/x86_64-linux-gnu/libcuda.so.1\0"
                .getBytes(StandardCharsets.ISO_8859_1));
        Predicate<String> found = CudaProbe.linkerSearch(List.of(dir.resolve("nowhere"), lib), cache);
        assertTrue(found.test("libcudart.so.12"), "in a searched directory");
        assertTrue(found.test("libcuda.so.1"), "listed by ldconfig");
        assertFalse(found.test("libcudnn.so.9"));
        assertFalse(found.test("libcuda.so"), "a prefix of a listed name is another library");
        assertFalse(CudaProbe.linkerSearch(List.of(lib), dir.resolve("no-cache")).test("libcuda.so.1"));
    }

    @Test
    void theSearchPathIsLdLibraryPathBeforeTheSystemDirectories() {
        List<Path> path = CudaProbe.searchPath("/opt/cuda/lib64::/opt/cudnn/lib");
        assertEquals(List.of(Path.of("/opt/cuda/lib64"), Path.of("/opt/cudnn/lib")), path.subList(0, 2));
        assertTrue(path.contains(Path.of("/usr/lib/x86_64-linux-gnu")), path.toString());
        assertEquals(CudaProbe.searchPath(""), CudaProbe.searchPath(null));
    }
}
