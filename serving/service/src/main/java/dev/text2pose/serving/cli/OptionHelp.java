package dev.text2pose.serving.cli;

import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * picocli's help with two changes. Under each option read from an environment variable it names the variable; the
 * name is written once, as the option's {@code defaultValue = "${env:NAME}"} where picocli reads the variable, and
 * is read from there (the default itself is the field's initial value, taken from the config's defaults). And it
 * breaks lines at spaces only: picocli's line breaker also breaks after a dot or slash, which cut values such as
 * {@code ~/.text2pose/kafka} and {@code security.protocol} in two.
 */
public final class OptionHelp extends Help {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");
    /** picocli indents the continuation lines of a description by two spaces. */
    private static final String CONTINUATION = "  ";

    OptionHelp(CommandSpec command, ColorScheme colors) {
        super(command, colors);
    }

    /** The environment variable that sets {@code option}, if one does. */
    public static Optional<String> variable(OptionSpec option) {
        if (!(option.userObject() instanceof Field field) || !field.isAnnotationPresent(Option.class)) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(field.getAnnotation(Option.class).defaultValue());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public IOptionRenderer createDefaultOptionRenderer() {
        IOptionRenderer rows = super.createDefaultOptionRenderer();
        return (option, labels, colors) -> {
            Ansi.Text[][] rendered = rows.render(option, labels, colors);
            return variable(option).map(name -> withRow(rendered, colors.text("  Env: " + name))).orElse(rendered);
        };
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme colors) {
        Layout base = super.createDefaultLayout(options, positionals, colors);
        return new Layout(colors, base.textTable(), base.optionRenderer(), base.parameterRenderer()) {
            @Override
            public void layout(ArgSpec arg, Ansi.Text[][] rows) {
                Help.Column[] columns = table.columns();
                Help.Column description = columns[columns.length - 1];
                super.layout(arg, wrapped(rows, description.width - description.indent - CONTINUATION.length()));
            }
        };
    }

    /** The rows with each description broken at spaces into lines of at most {@code width} characters. */
    private Ansi.Text[][] wrapped(Ansi.Text[][] rows, int width) {
        List<Ansi.Text[]> result = new ArrayList<>();
        for (Ansi.Text[] row : rows) {
            String text = row[row.length - 1].plainString();
            String indent = text.substring(0, text.length() - text.stripLeading().length());
            List<String> lines = words(text.strip(), width - indent.length());
            for (int i = 0; i < lines.size(); i++) {
                Ansi.Text line = colorScheme().text(indent + (i == 0 ? "" : CONTINUATION) + lines.get(i));
                result.add(i == 0 ? withLast(row, line) : withLast(blankRow(row), line));
            }
        }
        return result.toArray(Ansi.Text[][]::new);
    }

    static List<String> words(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The rows with one more row whose description column holds {@code text}. */
    private static Ansi.Text[][] withRow(Ansi.Text[][] rows, Ansi.Text text) {
        Ansi.Text[][] result = Arrays.copyOf(rows, rows.length + 1);
        result[rows.length] = withLast(blankRow(rows[0]), text);
        return result;
    }

    private static Ansi.Text[] blankRow(Ansi.Text[] like) {
        Ansi.Text[] row = new Ansi.Text[like.length];
        Arrays.fill(row, like[like.length - 1].substring(0, 0));
        return row;
    }

    private static Ansi.Text[] withLast(Ansi.Text[] row, Ansi.Text last) {
        Ansi.Text[] copy = row.clone();
        copy[copy.length - 1] = last;
        return copy;
    }
}
