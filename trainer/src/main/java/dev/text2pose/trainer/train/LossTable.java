package dev.text2pose.trainer.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's {@code losses.csv} read back by column, for drawing ({@link LossCurves}). Cells may be {@code NaN} or
 * {@code Infinity}, as a diverging run writes them; the drawing skips them.
 *
 * <p>A running trainer appends to the file while it is read, so a last line without its newline that does not
 * parse is taken as a row still being written and left out. Any other malformed line is an error that names the
 * file and the line.
 *
 * @param source the file read, for messages
 * @param header the column names of the file's first line
 * @param rows   one array of cells per row, in the header's order
 */
record LossTable(Path source, List<String> header, List<double[]> rows) {

    /** Reads {@code file}; throws {@link IllegalArgumentException} naming the file when it is not a losses CSV. */
    static LossTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty() || !lines.get(0).startsWith("step,")) {
            throw new IllegalArgumentException(file + " is not a losses CSV: its first line should be the header "
                    + StepLosses.CSV_HEADER);
        }
        List<String> header = List.of(lines.get(0).strip().split(","));
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                rows.add(parse(lines.get(i), header.size()));
            } catch (IllegalArgumentException e) {
                boolean beingWritten = i == lines.size() - 1 && !text.endsWith("\n");
                if (!beingWritten) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new LossTable(file, header, rows);
    }

    /** The values of column {@code name}, one per row; throws naming the column when the file lacks it. */
    double[] column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(source + " has no column " + name + " in its header "
                    + String.join(",", header));
        }
        return rows.stream().mapToDouble(row -> row[index]).toArray();
    }

    private static double[] parse(String line, int columns) {
        String[] cells = line.strip().split(",", -1);
        if (cells.length != columns) {
            throw new IllegalArgumentException(cells.length + " cells where the header has " + columns);
        }
        try {
            return Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in " + line, e);
        }
    }
}
