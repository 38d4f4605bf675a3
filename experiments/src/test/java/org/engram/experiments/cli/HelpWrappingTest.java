package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;

import org.junit.jupiter.api.Test;

/**
 * Help text wraps at 80 columns, and picocli may break a line after a dot inside a word: a file name at a line's
 * end read {@code log.} on one line and {@code csv} on the next, which a user cannot copy. No help, of any command
 * or subcommand, splits a file name there, nor an option's name at one of its hyphens.
 */
class HelpWrappingTest {
    /** A word cut after its dot, and a next line that starts with a file name's extension. */
    private static final Pattern CUT_AT_DOT = Pattern.compile("[\\w>-]\\.$");
    private static final Pattern GOES_ON = Pattern.compile("^(csv|tex|md|json|yaml|png|svg|pdf|txt|state|gz)\\b");
    /** An option's name cut after one of its inner hyphens. */
    private static final Pattern CUT_OPTION = Pattern.compile("(^|\\s)--\\w[\\w-]*-$");

    @Test
    void noHelpLineEndsInsideAFileNameOrAnOption() {
        List<String> cuts = new ArrayList<>();
        collect(EngramCommand.commandLine(), cuts);
        assertEquals(List.of(), cuts);
    }

    private static void collect(CommandLine command, List<String> cuts) {
        String[] lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String next = lines[i + 1].strip();
            if (CUT_AT_DOT.matcher(line).find() && GOES_ON.matcher(next).find() || CUT_OPTION.matcher(line).find()) {
                cuts.add(command.getCommandSpec().qualifiedName() + ": " + line.strip() + " | " + next);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, cuts);
        }
    }
}
