package dev.text2pose.trainer.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a dataset load read, kept and skipped, and why; printable with {@link #format()}.
 *
 * <p>Bad data is reported rather than thrown because real annotation files have a few damaged records and one
 * should not stop a training run; the counts make it visible, and a load that keeps nothing fails with
 * {@link NoUsableDataException} instead.
 *
 * @param name        which dataset, e.g. {@code "stage 1 (unconditional)"}, with the files it came from
 * @param images      entries read from the keypoint file's {@code images} list
 * @param annotations entries read from the keypoint file's {@code annotations} list, all categories
 * @param captions    entries read from the captions file (0 for stage 1)
 * @param samples     samples kept: persons for stage 1, images for stage 2
 * @param pairs       (pose, caption) pairs in the kept samples (0 for stage 1)
 * @param checked     the reasons this load checks (e.g. {@link SkipReason#STAGE_1}); bad-data reasons among them are
 *                    printed even at zero, so a clean report shows what was checked
 * @param skipped     records skipped, per reason; reasons that never occurred are absent
 */
public record DataReport(String name, int images, int annotations, int captions, int samples, int pairs,
                         Set<SkipReason> checked, Map<SkipReason, Integer> skipped) {

    public DataReport {
        checked = Collections.unmodifiableSet(checked.isEmpty() ? EnumSet.noneOf(SkipReason.class)
                : EnumSet.copyOf(checked));
        skipped = Collections.unmodifiableMap(skipped.isEmpty() ? new EnumMap<>(SkipReason.class)
                : new EnumMap<>(skipped));
    }

    /** How many records were skipped for {@code reason}. */
    public int count(SkipReason reason) {
        return skipped.getOrDefault(reason, 0);
    }

    /** How many records were skipped as bad data, all reasons together. */
    public int badTotal() {
        return skipped.entrySet().stream().filter(e -> e.getKey().isBad()).mapToInt(Map.Entry::getValue).sum();
    }

    /** A multi-line summary: what was read and kept, then rule skips, then bad data (every checked reason). */
    public String format() {
        StringBuilder s = new StringBuilder(name).append('\n');
        s.append(String.format("  read: %,d images, %,d annotations, %,d captions%n", images, annotations, captions));
        s.append(String.format("  kept: %,d samples, %,d (pose, caption) pairs%n", samples, pairs));
        s.append("  skipped by rule:\n");
        for (SkipReason r : SkipReason.values()) {
            if (!r.isBad() && count(r) > 0) {
                s.append(line(r));
            }
        }
        s.append(String.format("  bad data: %,d%n", badTotal()));
        for (SkipReason r : SkipReason.values()) {
            if (r.isBad() && (checked.contains(r) || count(r) > 0)) {
                s.append(line(r));
            }
        }
        return s.toString();
    }

    private String line(SkipReason r) {
        return String.format("    %,9d %s: %s%n", count(r), r.unit().plural(), r.description());
    }

    @Override
    public String toString() {
        return format();
    }
}
