package dev.text2pose.trainer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's {@code losses.csv}, one row per generator update ({@link StepLosses#CSV_HEADER}). A resumed run first
 * drops the rows after its checkpoint's step, which it is about to compute again, so the file always holds one
 * trajectory without repeats.
 */
final class LossLog implements AutoCloseable {

    private final BufferedWriter writer;

    private LossLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Opens {@code file} for appending after step {@code keepThrough}; rows beyond it are removed. */
    static LossLog open(Path file, long keepThrough) {
        try {
            List<String> kept = new ArrayList<>(List.of(StepLosses.CSV_HEADER));
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && Character.isDigit(line.charAt(0))
                            && Long.parseLong(line.substring(0, comma)) <= keepThrough) {
                        kept.add(line);
                    }
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new LossLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file, e);
        }
    }

    void append(StepLosses losses) {
        try {
            writer.write(losses.csv());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the losses file", e);
        }
    }

    void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the losses file", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the losses file", e);
        }
    }
}
