package dev.text2pose.serving.cli;

/**
 * A command cannot do its job because of something the user can fix: the message names the problem, the remedy
 * says what to do. Printed as those two lines, without a stack trace.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remedy;

    CommandFailure(String problem, String remedy) {
        super(problem);
        this.remedy = remedy;
    }

    String remedy() {
        return remedy;
    }
}
