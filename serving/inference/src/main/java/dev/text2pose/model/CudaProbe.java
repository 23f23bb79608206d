package dev.text2pose.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether CUDA can work on this machine at all, decided from a few file reads before ONNX Runtime is asked. Asking
 * it costs seconds: {@code addCUDA} unpacks the 369 MB CUDA provider into the temporary folder and, where the CUDA
 * libraries are missing, prints a native error on the console.
 *
 * <p>Two facts decide. An NVIDIA GPU must be visible: a {@code /dev/nvidia<N>} device node (what the driver and
 * the NVIDIA container runtime create) or WSL's {@code /dev/dxg}. And every library the CUDA provider loads must be
 * where the dynamic linker looks: the directories of {@code LD_LIBRARY_PATH}, the libraries {@code ldconfig} listed
 * in {@code /etc/ld.so.cache}, and the system directories. A yes is no promise (a driver too old for CUDA 12 fails
 * later, and AUTO then falls back); a no is certain, so nothing is unpacked or loaded in vain.
 */
final class CudaProbe {

    /** What ONNX Runtime 1.23's CUDA provider loads: the driver, CUDA 12's runtime and maths libraries, cuDNN 9. */
    static final List<String> LIBRARIES = List.of("libcuda.so.1", "libcudart.so.12", "libcublas.so.12",
            "libcublasLt.so.12", "libcufft.so.11", "libcurand.so.10", "libcudnn.so.9");

    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"),
            Path.of("/usr/lib"));

    /**
     * The outcome of the probe.
     *
     * @param worthTrying whether to ask ONNX Runtime for a CUDA session
     * @param reason      why, in words for the log line that names the provider
     */
    record Verdict(boolean worthTrying, String reason) {
    }

    private static Verdict here;

    private CudaProbe() {
    }

    /**
     * The decision from the facts, kept apart from reading them so that a test can state any machine.
     *
     * @param gpuVisible   whether an NVIDIA device node exists
     * @param libraryFound whether the dynamic linker would find a library by its file name
     */
    static Verdict decide(boolean gpuVisible, Predicate<String> libraryFound) {
        if (!gpuVisible) {
            return new Verdict(false, "no NVIDIA GPU is visible, no /dev/nvidia<N> device");
        }
        List<String> missing = LIBRARIES.stream().filter(libraryFound.negate()).toList();
        if (!missing.isEmpty()) {
            return new Verdict(false, "an NVIDIA GPU is visible but the dynamic linker finds no "
                    + String.join(", ", missing) + " (CUDA 12 and cuDNN 9 installed and on LD_LIBRARY_PATH?)");
        }
        return new Verdict(true, "an NVIDIA GPU and the CUDA 12 and cuDNN 9 libraries are present");
    }

    /** This machine's verdict, probed once per process: the facts do not change while it runs. */
    static synchronized Verdict here() {
        if (here == null) {
            here = decide(gpuVisible(Path.of("/dev")),
                    linkerSearch(searchPath(System.getenv("LD_LIBRARY_PATH")), Path.of("/etc/ld.so.cache")));
        }
        return here;
    }

    static boolean gpuVisible(Path dev) {
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dev, "{nvidia[0-9]*,dxg}")) {
            return nodes.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** The directories the dynamic linker searches besides its cache: {@code LD_LIBRARY_PATH}'s, then the system's. */
    static List<Path> searchPath(String ldLibraryPath) {
        List<Path> directories = new ArrayList<>();
        for (String directory : ldLibraryPath == null ? new String[0] : ldLibraryPath.split(":")) {
            if (!directory.isBlank()) {
                directories.add(Path.of(directory));
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        return directories;
    }

    /**
     * Whether the dynamic linker would find a library by file name: in the cache {@code ldconfig} wrote, whose string
     * table holds each library's full path, or in one of {@code directories}.
     */
    static Predicate<String> linkerSearch(List<Path> directories, Path ldCache) {
        String cache = readCache(ldCache);
        return name -> cache.contains("/" + name + "\0")
                || directories.stream().anyMatch(directory -> Files.exists(directory.resolve(name)));
    }

    private static String readCache(Path ldCache) {
        try {
            return new String(Files.readAllBytes(ldCache), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // no cache (e.g. musl): the directories alone decide
        }
    }
}
