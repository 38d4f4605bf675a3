package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path the system cannot name is refused in Engram's words: picocli's message named Java's
 * InvalidPathException, and under the C locale a name such as {@code résultats} did not say that
 * the locale is the cause.
 */
class PathConverterTest {
    @Test
    void aPathNoFileCanHaveIsRefusedInWords() {
        CliRunner.Result r = CliRunner.run("run", "a\u0000b.yaml");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("engram: error: Invalid value for positional parameter at index 0"
                + " (CONFIG.yaml): expected a path, found 'a\u0000b.yaml', which no file can be named: nul character"
                + " not allowed\n"), r.err());
    }

    /**
     * An empty path, as an unset shell variable gives ({@code engram run "$CONFIG"}), is refused naming the
     * argument: Java read it as the working folder, so run said ": expected a YAML file, found a folder" and plot
     * and compare looked for ./metrics.json (from a fuzz audit).
     */
    @Test
    void anEmptyPathIsRefusedNamingItsArgument() {
        String empty = "expected a path, found an empty text (a shell variable that is not set gives one)\n";
        for (List<String> args : List.of(List.of("run", ""), List.of("simulate", ""), List.of("plot", ""),
                List.of("compare", "", ""))) {
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), args + ": " + r.err());
            assertTrue(r.err().startsWith("engram: error: Invalid value for positional parameter at index 0"),
                    args + ": " + r.err());
            assertTrue(r.err().contains(empty), args + ": " + r.err());
        }
        for (List<String> args : List.of(List.of("run", "--resume", ""), List.of("plot", "x", "--out", ""),
                List.of("compare", "x", "--into", ""), List.of("bench", "train", "--data", ""))) {
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), args + ": " + r.err());
            assertTrue(r.err().contains("Invalid value for option '" + args.get(args.size() - 2) + "'")
                    && r.err().contains(empty), args + ": " + r.err());
        }
    }

    /**
     * Java run directly under the C locale (a batch or cron job's) reads file names as ASCII: a
     * non-ASCII {@code --out} is refused with the locale named as the cause and the setting that mends it.
     */
    @Test
    void aNameOutsideTheLocalesEncodingNamesTheLocale(@TempDir Path dir) throws Exception {
        // The name must reach the child whole (this JVM encodes it) and Linux's C locale be ASCII.
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "a UTF-8 locale in this JVM");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux");
        Path log = dir.resolve("log");
        ProcessBuilder pb = new ProcessBuilder(CliRunner.command(List.of(), "run", "--out", "r\u00e9sultats",
                "x.yaml")).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        env.put("LC_ALL", "C");
        assertEquals(2, pb.start().waitFor());
        String err = Files.readString(log);
        assertTrue(err.startsWith("engram: error: Invalid value for option '--out': expected a path, found 'r")
                && err.contains("sultats', with characters that Java's file name encoding here (ANSI_X3.4-1968, from"
                + " the locale) cannot hold; run Java under a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (./engram does so"
                + " under the C locale)\n"), err);
    }
}
