package org.engram.experiments.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
    @Test
    void theLaunchersPathElseEngram() {
        assertEquals("./engram", LaunchCommand.of(Map.of("ENGRAM_COMMAND", "./engram")));
        assertEquals("engram", LaunchCommand.of(Map.of()));
        assertEquals("engram", LaunchCommand.of(Map.of("ENGRAM_COMMAND", " ")));
    }

    /** A command to paste carries the class path of one's own classes, which a resumed run needs again. */
    @Test
    void theClassPathOfOnesOwnClassesComesBeforeTheCommand() {
        assertEquals("ENGRAM_CLASSPATH=mine:lib/x.jar ./engram", LaunchCommand.invocation(
                Map.of("ENGRAM_COMMAND", "./engram", "ENGRAM_CLASSPATH", "mine:lib/x.jar")));
        assertEquals("ENGRAM_CLASSPATH='my classes' engram", LaunchCommand.invocation(
                Map.of("ENGRAM_CLASSPATH", "my classes")));
        assertEquals("./engram", LaunchCommand.invocation(Map.of("ENGRAM_COMMAND", "./engram", "ENGRAM_CLASSPATH",
                "")));
    }

    /** A path pasted from a message is one shell word: a POSIX shell gives back exactly the text. */
    @Test
    void aShellWordIsReadBackAsTheTextByAShell() throws IOException, InterruptedException {
        for (String text : List.of("results/quickstart/.20261201T000000Z-abcdef.partial", "my results/run",
                "it's here", "$HOME `x` \\ \"q\" *", "", "-dash")) {
            Process sh = new ProcessBuilder("sh", "-c", "printf %s " + LaunchCommand.shellWord(text)).start();
            String back = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, sh.waitFor());
            assertEquals(text, back, LaunchCommand.shellWord(text));
        }
        assertEquals("results/a.partial", LaunchCommand.shellWord("results/a.partial"), "plain paths stay plain");
        assertTrue(LaunchCommand.resume(java.nio.file.Path.of("-r/e/.a.partial"))
                .endsWith(" run --resume ./-r/e/.a.partial"),
                "a relative path starting with '-' is not read as an option");
    }

    /** A command that gives a subcommand a file: the process's own start, the subcommand, the path as one word. */
    @Test
    void aCommandWithAFileGivesThePathAsOneWord() {
        String start = LaunchCommand.invocation(System.getenv());
        assertEquals(start + " simulate 'my configs/brunel.yaml'", LaunchCommand.withFile("simulate",
                "my configs/brunel.yaml"));
        assertEquals(start + " run ./-x.yaml", LaunchCommand.withFile("run", "-x.yaml"));
    }
}
