package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code -V, --version}, which every command's help lists, says the build on every command: the
 * subcommands had printed nothing and exited 0, so a script that logged {@code engram run --version}
 * recorded no build (found by a command-line audit).
 */
class VersionOptionTest {
    @Test
    void everyCommandPrintsTheBuildItsHelpPromises() {
        CliRunner.Result root = CliRunner.run("--version");
        assertEquals(0, root.exitCode(), root.err());
        // The first line names the project and its version, the second the Java runtime.
        assertTrue(root.out().matches("engram \\S+.*\\RJava \\S+.*\\R"), root.out());
        List<List<String>> commands = new ArrayList<>();
        collect(EngramCommand.commandLine(), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 11, "commands found: " + commands);
        for (List<String> command : commands) {
            for (String option : new String[] {"--version", "-V"}) {
                List<String> args = new ArrayList<>(command);
                args.add(option);
                CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
                assertEquals(0, r.exitCode(), args + ": " + r.err());
                assertEquals(root.out(), r.out(), args.toString());
            }
        }
    }

    /** Every subcommand's path below the root (run, bench, bench cuba, ...), those without -V left out. */
    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        for (var sub : command.getSubcommands().entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            if (sub.getValue().getCommandSpec().optionsMap().containsKey("--version")) {
                into.add(subPath);
            }
            collect(sub.getValue(), subPath, into);
        }
    }
}
