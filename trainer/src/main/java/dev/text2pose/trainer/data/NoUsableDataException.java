package dev.text2pose.trainer.data;

/**
 * Thrown when a load keeps no sample at all, so training would have nothing to learn from.
 *
 * <p>Bad records alone never fail a load (they are counted in the {@link DataReport}); this is the one fatal
 * data condition. The report is attached and in the message, so the user sees at once whether the wrong file was
 * given (everything skipped by rule, e.g. a captions file without keypoints) or the file is damaged (bad data).
 */
public final class NoUsableDataException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The report of the failed load; transient because a report is not meant to travel. */
    private final transient DataReport report;

    /** Creates the exception for a load that kept nothing. */
    public NoUsableDataException(DataReport report) {
        super("no usable samples in " + report.name() + "; check that the right COCO files were given\n"
                + report.format());
        this.report = report;
    }

    /** The report of the load that kept nothing. */
    public DataReport report() {
        return report;
    }
}
