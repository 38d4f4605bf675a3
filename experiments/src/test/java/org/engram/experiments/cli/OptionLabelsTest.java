package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options that take a value show it in the usage as the README writes it ({@code --threads=N},
 * {@code --seed=S}, {@code --duration-ms=MS}), the same way in every command: the benchmarks had shown
 * picocli's field names ({@code --threads=<threads>}, {@code --dt=<dtMs>}) where run and simulate show
 * {@code --threads=N} (found by a command-line audit).
 */
class OptionLabelsTest {
    @Test
    void anOptionShowsItsValueAlikeInEveryCommand() {
        Map<String, String> labels = new HashMap<>();
        Map<String, String> firstSeenIn = new HashMap<>();
        List<CommandLine> commands = new ArrayList<>();
        collect(EngramCommand.commandLine(), commands);
        assertTrue(commands.size() >= 11, "commands found: " + commands.size());
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.arity().max() == 0 || option.hidden()) {
                    continue;
                }
                String label = option.paramLabel();
                assertFalse(label.startsWith("<"), name + " " + option.longestName() + " shows " + label);
                String before = labels.putIfAbsent(option.longestName(), label);
                firstSeenIn.putIfAbsent(option.longestName(), name);
                // compare's --name also takes a run's tag (KEY=NAME), where plot's takes a strategy's label only.
                if (before != null && !option.longestName().equals("--name")) {
                    assertEquals(before, label, option.longestName() + " in " + name + " against "
                            + firstSeenIn.get(option.longestName()));
                }
            }
        }
        // The ones a reader meets in several commands, as the README's synopses write them.
        assertEquals("N", labels.get("--threads"));
        assertEquals("S", labels.get("--seed"));
        assertEquals("MS", labels.get("--duration-ms"));
        assertEquals("DIR", labels.get("--out"));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, into);
        }
    }
}
