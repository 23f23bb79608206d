package dev.text2pose.serving.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of {@code text2pose} as {@code main} configures it, with what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = Text2PoseCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The lines the command printed on standard error (log lines go elsewhere). */
    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }

    /** The help of {@code command}, as {@code text2pose command --help} prints it. */
    static String help(String command) {
        CliRun run = of(command, "--help");
        if (run.exit() != 0) {
            throw new AssertionError(command + " --help failed: " + run.err());
        }
        return run.out();
    }
}
