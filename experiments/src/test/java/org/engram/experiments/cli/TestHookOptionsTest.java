package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.engram.experiments.plot.FigureFolder;
import org.engram.experiments.run.Runner;
import org.engram.experiments.simulate.SimulationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code engram run}'s test hooks exist only where the system property asks for them. */
class TestHookOptionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"--stop-after-tasks=1", "--signal-before-commit", "--pause-after-setup",
        "--signal-before-task-saved=1", "--pause-before-config", "--heap-runs-out-after-tasks=1"})
    void withoutThePropertyAHookIsAnUnknownOptionAndNothingIsMade(String hook, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("missing.yaml");
        Path out = dir.resolve("results");
        StringWriter err = new StringWriter();
        CommandLine cl = EngramCommand.commandLine(false);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl.execute("run", config.toString(), "--out", out.toString(), hook));
        assertTrue(err.toString().startsWith("engram: error: Unknown option: '" + hook + "'"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void theTestRunsHaveThePropertyAndTheHooksReachTheRequest() {
        assertTrue(Boolean.getBoolean(TestHookOptions.PROPERTY), "surefire sets " + TestHookOptions.PROPERTY);
        CommandLine hooked = EngramCommand.commandLine();
        hooked.parseArgs("run", "x.yaml", "--stop-after-tasks", "2", "--pause-after-setup",
                "--signal-before-task-saved", "3", "--pause-before-config", "--heap-runs-out-after-tasks", "4");
        assertEquals(new Runner.TestHooks(2, false, true, 3, true, 4),
                TestHookOptions.of(hooked.getSubcommands().get("run").getCommandSpec()));
        CommandLine plain = EngramCommand.commandLine(false);
        plain.parseArgs("run", "x.yaml");
        assertEquals(Runner.TestHooks.NONE, TestHookOptions.of(plain.getSubcommands().get("run").getCommandSpec()));
    }

    @Test
    void aRequestWithoutHooksHasNone() {
        assertEquals(Runner.TestHooks.NONE,
                new Runner.Request(null, Path.of("r"), null, null, 1, List.of(), null).hooks());
        assertEquals(Runner.TestHooks.NONE, new Runner.Request(null, Path.of("r"), null, null, List.of()).hooks());
    }

    /** {@code engram simulate}'s hook, too, is an unknown option without the property, and its help never lists it. */
    @Test
    void simulatesHookExistsOnlyWithThePropertyAndIsNotListed(@TempDir Path dir) {
        Path out = dir.resolve("results");
        StringWriter err = new StringWriter();
        CommandLine cl = EngramCommand.commandLine(false);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String hook = "--heap-runs-out-writing=summary.md";
        assertEquals(2, cl.execute("simulate", dir.resolve("missing.yaml").toString(), "--out", out.toString(), hook));
        assertTrue(err.toString().startsWith("engram: error: Unknown option: '" + hook + "'"), err.toString());
        assertFalse(Files.exists(out));
        CommandLine hooked = EngramCommand.commandLine();
        hooked.parseArgs("simulate", "x.yaml", hook);
        assertEquals(new SimulationRun.TestHooks("summary.md"),
                TestHookOptions.Simulate.of(hooked.getSubcommands().get("simulate").getCommandSpec()));
        for (boolean hooks : List.of(false, true)) {
            String usage = EngramCommand.commandLine(hooks).getSubcommands().get("simulate").getUsageMessage();
            assertFalse(usage.contains("--heap-runs-out"), usage);
        }
    }

    /** {@code engram plot}'s hooks reach the figure folder with the property, and are none without it. */
    @Test
    void plotsHooksReachTheFigureFolderOnlyWithTheProperty() {
        CommandLine hooked = EngramCommand.commandLine();
        hooked.parseArgs("plot", "run", "--signal-after-staged", "1", "--signal-after-moved", "2");
        assertEquals(new FigureFolder.SignalAt(1, 2),
                TestHookOptions.Plot.of(hooked.getSubcommands().get("plot").getCommandSpec()));
        CommandLine plain = EngramCommand.commandLine(false);
        plain.parseArgs("plot", "run");
        assertEquals(FigureFolder.SignalAt.NONE, TestHookOptions.Plot.of(plain.getSubcommands().get("plot")
                .getCommandSpec()));
    }

    @Test
    void helpListsNoHookEitherWay() {
        for (boolean hooks : List.of(false, true)) {
            String usage = EngramCommand.commandLine(hooks).getSubcommands().get("run").getUsageMessage();
            for (String name : List.of("--stop-after", "--signal-before", "--pause-after", "--pause-before")) {
                assertFalse(usage.contains(name), name + " in " + usage);
            }
        }
    }
}
