package dev.text2pose.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code onnxruntime-java*} folder in {@code java.io.tmpdir} where ONNX Runtime's Java binding unpacks its native
 * libraries (24 MB) in every process. The binding only marks them for deletion at exit, so a killed process leaves
 * them behind, and even a clean exit leaves the folder, which it marks before the files it then fails to delete.
 *
 * <p>Once the libraries are loaded the folder can go: Linux keeps a loaded library's pages after its file is
 * deleted. But the binding unpacks a shared provider such as CUDA into the same folder when a session first asks for
 * it, so only a process that will never ask may delete it; {@link OrtSessions} decides that.
 */
final class OrtUnpackFolder {

    private static final Logger LOG = LoggerFactory.getLogger(OrtUnpackFolder.class);
    private static final String JNI_LIBRARY = "/libonnxruntime4j_jni.so";
    private static final String PREFIX = "onnxruntime-java";

    private static boolean deleted;

    private OrtUnpackFolder() {
    }

    /**
     * Deletes the folder this process's ONNX Runtime was loaded from, if it is the binding's own temporary one (not
     * a folder named by {@code onnxruntime.native.path}); once per process, after ONNX Runtime has started.
     */
    static synchronized void delete() {
        if (deleted) {
            return;
        }
        deleted = true;
        loadedFrom(Path.of("/proc/self/maps")).filter(OrtUnpackFolder::isTemporary).ifPresent(folder -> {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(folder);
                LOG.debug("deleted {}, where ONNX Runtime unpacked its loaded libraries", folder);
            } catch (IOException e) {
                LOG.warn("could not delete {}, where ONNX Runtime unpacked its libraries: {}", folder, e.toString());
            }
        });
    }

    /** The folder of the loaded JNI library, read from the process's memory map; empty where there is none. */
    static Optional<Path> loadedFrom(Path maps) {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.filter(line -> line.endsWith(JNI_LIBRARY)).findFirst()
                    .map(line -> Path.of(line.substring(line.indexOf('/'))).getParent());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or no map to read: the binding's deleteOnExit stays in charge
        }
    }

    private static boolean isTemporary(Path folder) {
        try {
            Path temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath(); // the map holds real paths
            return folder.getFileName().toString().startsWith(PREFIX) && temp.equals(folder.getParent());
        } catch (IOException e) {
            return false;
        }
    }
}
