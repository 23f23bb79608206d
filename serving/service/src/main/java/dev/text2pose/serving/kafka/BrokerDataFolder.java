package dev.text2pose.serving.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether an embedded broker's data folder is free. A running Kafka broker holds a lock on {@code logs/.lock} (Kafka's
 * own log directory lock) for as long as it lives, so that lock, not a file of ours, says whether a broker, ours or
 * anyone's, still uses the folder. The broker's process id is kept in {@code broker.pid} to name the holder.
 */
final class BrokerDataFolder {

    private static final String PID_FILE = "broker.pid";

    private final Path dataDir;

    BrokerDataFolder(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Kafka's log directory. */
    Path logs() {
        return dataDir.resolve("logs");
    }

    /** @throws DataFolderInUseException when a live broker holds the log directory lock */
    void requireFree() {
        Path lock = logs().resolve(".lock");
        if (!Files.exists(lock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock free = channel.tryLock();
            if (free == null) {
                throw inUse();
            }
            free.release();
        } catch (OverlappingFileLockException heldHere) {
            throw inUse();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock " + lock, e);
        }
    }

    /** Records the broker's process id, for the message a later start on this folder gives. */
    void recordOwner(long pid) throws IOException {
        Files.writeString(dataDir.resolve(PID_FILE), Long.toString(pid), StandardCharsets.UTF_8);
    }

    /** The exception for a folder whose lock a broker holds, naming the process recorded as its owner. */
    DataFolderInUseException inUse() {
        return new DataFolderInUseException(dataDir, owner());
    }

    private String owner() {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve(PID_FILE), StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> " (process " + pid + ")").orElse("");
        } catch (IOException | NumberFormatException unknown) {
            return "";
        }
    }
}
