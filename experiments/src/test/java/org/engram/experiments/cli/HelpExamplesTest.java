package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The example commands in every --help can be copied as they are printed. */
class HelpExamplesTest {

    @Test
    void everyHelpExampleIsPrintedOnOneLine() {
        List<CommandLine> commands = new ArrayList<>(List.of(EngramCommand.commandLine()));
        int examples = 0;
        for (int i = 0; i < commands.size(); i++) {
            CommandLine command = commands.get(i);
            commands.addAll(command.getSubcommands().values());
            List<String> printed = command.getUsageMessage().lines().toList();
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                if (line.startsWith("  engram ")) {
                    examples++;
                    // picocli wraps a long footer line at its width; the rest would run as a second command.
                    assertTrue(printed.contains(line), command.getCommandName() + " --help wraps its example: " + line);
                }
            }
        }
        assertFalse(examples < 10, "the examples were found: " + examples);
    }
}
