package org.engram.experiments.cli;

import java.util.List;
import java.util.function.Function;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.NumberForms;
import org.engram.simulator.EngramException;
import org.engram.simulator.ParameterException;
import picocli.CommandLine;

/**
 * Shows the number of an option in a user error as the command line wrote it, in the words a config's
 * messages use ({@link NumberForms#asWritten}): a check sees the value read, and Java shows {@code --dt 0} as
 * 0.0, {@code --threads +2} as 2 and {@code --duration-ms 1e400} as Infinity, a text the user never typed.
 */
final class TypedNumbers {
    private TypedNumbers() {
    }

    /**
     * The message of a user error with each value of an option it found, and each value of an option its rule
     * names ({@code multiple of dt = 0.1 ms}), as typed: {@code found 0} for {@code --dt 0}, {@code found 1e-400
     * (read as 0.0)} for {@code --dt 1e-400}. A problem is about an option when its location or its source
     * names one the command line gave ({@code bench cuba: --dt: ...}, {@code --threads: threads: ...}).
     *
     * @param e      the error
     * @param parsed what the command that failed was given
     * @return the message, otherwise unchanged
     */
    static String message(EngramException e, CommandLine.ParseResult parsed) {
        String message = e.getMessage();
        for (EngramException one : problemsOf(e)) {
            String shown = asTyped(one, parsed);
            if (shown != null) {
                message = message.replace(one.getMessage(), shown);
            }
        }
        return message;
    }

    private static List<? extends EngramException> problemsOf(EngramException e) {
        if (e instanceof ParameterException p) {
            return p.problems();
        }
        return e instanceof ConfigException c ? c.problems() : List.of(e);
    }

    /** One problem's message with the option's values as typed, or null where it shows none of them. */
    private static String asTyped(EngramException one, CommandLine.ParseResult parsed) {
        if (one.expected() == null || one.found() == null) {
            return null;
        }
        List<String> typed = typed(parsed, one.location());
        if (typed.isEmpty()) {
            typed = typed(parsed, one.source());
        }
        String found = one.found();
        for (String text : typed) {
            // A list option (--hidden 5,+0,0) is checked item by item: the first item of the value found is the one.
            String shown = NumberForms.asWritten(found, text);
            if (!shown.equals(found) || found.equals(text)) {
                found = shown;
                break;
            }
        }
        // A rule names an option by its name as a key's ("dt" for --dt).
        Function<String, String> option = key -> {
            List<String> values = typed(parsed, "--" + key.replace('_', '-'));
            return values.size() == 1 ? values.get(0) : null;
        };
        String expected = NumberForms.ruleAsWritten(one.expected(), one.location(), option);
        if (found.equals(one.found()) && expected.equals(one.expected())) {
            return null;
        }
        return new EngramException(one.source(), one.location(), expected, found, one.hint()).getMessage();
    }

    /**
     * The values of an option as the command line wrote them, a list option's one by one.
     *
     * @param parsed what a command was given
     * @param name   the option's name, e.g. {@code --dt}, or anything else
     * @return its values as typed; none when it names no option given
     */
    static List<String> typed(CommandLine.ParseResult parsed, String name) {
        CommandLine.Model.OptionSpec option = name == null || !name.startsWith("-") ? null
                : parsed.matchedOption(name);
        return option == null ? List.of() : option.stringValues();
    }

    /**
     * The value of a single-valued option as typed, else its default as written: for a message that shows it
     * beside another's ({@code 4000 neurons at dt = 0.10 ms}) rather than as the value found.
     *
     * @param spec the command
     * @param name the option's name, e.g. {@code --dt}
     * @return the text, e.g. {@code 0.10}, or {@code 1000} for a default written so
     */
    static String written(CommandLine.Model.CommandSpec spec, String name) {
        List<String> typed = typed(spec.commandLine().getParseResult(), name);
        return typed.isEmpty() ? spec.findOption(name).defaultValue() : typed.get(typed.size() - 1);
    }
}
