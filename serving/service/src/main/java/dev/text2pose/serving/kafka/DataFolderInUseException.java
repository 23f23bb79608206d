package dev.text2pose.serving.kafka;

import java.nio.file.Path;

/**
 * Another Kafka broker holds the embedded broker's data folder (its log directory lock). Starting a second broker
 * there would make this service talk to the other one, or corrupt the data; the user has to stop that broker or choose
 * another folder.
 */
public final class DataFolderInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;

    DataFolderInUseException(Path dataDir, String holder) {
        super("the embedded broker's data folder " + dataDir + " is in use by another Kafka broker" + holder);
        this.dataDir = dataDir;
    }

    /** The folder that is in use. */
    public Path dataDir() {
        return dataDir;
    }
}
