package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command prints without a line break after it (a key table, a resolved config) reaches standard output of
 * a process of its own whole: there it is buffered, and a process that exits without flushing it loses it, which
 * the tests in-process, writing into a string, cannot see.
 */
class PrintedToAPipeTest {
    @TempDir
    Path dir;

    /** Runs the command line in a JVM of its own; asserts exit 0 and returns its standard output. */
    private String inAProcess(String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(CliRunner.command(List.of(), args)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(out);
    }

    @Test
    void keyTablesAndResolvedConfigsArePrintedWhole() throws IOException, InterruptedException {
        Path run = Files.writeString(dir.resolve("run.yaml"), TinyRuns.ONE_SEED + "strategies: [{name: naive}]\n");
        Path simulation = Files.writeString(dir.resolve("net.yaml"), "name: net\nduration_ms: 10\n"
                + "populations: [{name: p, size: 2, model: lif_delta}]\n");
        for (List<String> args : List.of(List.of("run", "--keys"), List.of("run", run.toString(), "--print-config"),
                List.of("simulate", simulation.toString(), "--print-config"))) {
            String[] a = args.toArray(String[]::new);
            String inProcess = CliRunner.run(a).out();
            assertTrue(inProcess.length() > 100, inProcess);
            assertEquals(inProcess, inAProcess(a), String.join(" ", args));
        }
    }
}
