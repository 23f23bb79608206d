package dev.text2pose.serving.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as one line, the problem and where help is, with picocli's exit code for invalid input (2). The full
 * usage text buries the one line that matters, so it is shown only on {@code --help}.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        print(command, message);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Prints one usage error of {@code command} on its error stream. */
    static void print(CommandLine command, String message) {
        command.getErr().println(line(command.getCommandSpec(), message));
        command.getErr().flush();
    }

    /** {@code text2pose demo: <message> (see 'text2pose demo --help')}, on one line whatever the message holds. */
    static String line(CommandSpec command, String message) {
        String name = command.qualifiedName();
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ").strip().replaceFirst("^Error: ", "");
        return name + ": " + oneLine + " (see '" + name + " --help')";
    }
}
