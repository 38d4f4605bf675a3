package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.experiments.launch.HeapAdvice;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The advice every message about the heap's limit gives on the command line: messages had said "(-Xmx)" alone,
 * which tells a user of {@code ./engram} nothing about {@code ENGRAM_JAVA_OPTS}, or named that variable alone.
 * The simulator's own messages give the JVM's option alone, as a library's user starts Java their own way.
 */
class HeapAdviceTest {

    /**
     * The variable replaces the launcher's own JVM options: advice that set the heap alone would drop the
     * parallel collector the launcher chose, so the advice keeps the options the script reads as default.
     */
    @Test
    void theLauncherAdviceKeepsTheScriptsDefaultOptions() throws IOException {
        Matcher defaults = Pattern.compile("\\$\\{ENGRAM_JAVA_OPTS:-([^}]*)}").matcher(
                Files.readString(Path.of("..", "engram")));
        assertTrue(defaults.find(), "the launcher reads ENGRAM_JAVA_OPTS with a default");
        assertTrue(HeapAdvice.MORE_HEAP.matches("give Java more heap: ENGRAM_JAVA_OPTS=\""
                + Pattern.quote(defaults.group(1)) + " -Xmx\\d+g\" \\./engram \\.\\.\\., .*"),
                HeapAdvice.MORE_HEAP);
    }

    /** Started without the launcher, the heap is the JVM's option before {@code -jar}. */
    @Test
    void theAdviceSaysHowToStartTheJarWithMoreHeap() {
        assertTrue(HeapAdvice.MORE_HEAP.matches(".*, or java -Xmx\\d+g -jar engram\\.jar \\.\\.\\."),
                HeapAdvice.MORE_HEAP);
    }

    /**
     * The command line tells a simulator's refusal with the launcher's advice in place of the library's, once: the
     * simulator's had named the launcher's variable and jar to a library's user (from the last notes' leftovers).
     */
    @Test
    void theCommandLineTellsTheSimulatorsAdviceInTheLaunchersWords() {
        // Built as the simulator builds its refusals; the simulator's own test throws one (HeapLimitExceededTest).
        String library = new HeapLimitExceeded("population 'huge'", "size", "a population whose state fits the Java"
                + " heap", 2147483639, "choose a smaller population, or " + HeapLimitExceeded.MORE_HEAP).getMessage();
        assertTrue(library.endsWith("or give Java more heap (the JVM option -Xmx, e.g. -Xmx8g)"), library);
        String told = HeapAdvice.forCommandLine(library);
        assertEquals(library.replace(" (the JVM option -Xmx, e.g. -Xmx8g)", ": ENGRAM_JAVA_OPTS=\"-XX:+UseParallelGC"
                + " -XX:ObjectAlignmentInBytes=64 -Xmx8g\" ./engram ..., or java -Xmx8g -jar engram.jar ..."), told);
    }

    /**
     * Every line of an error the command line prints gives the launcher's advice, the {@code also:} lines of what
     * failed while cleaning up too: they had printed the simulator's (from a review).
     */
    @Test
    void theErrorAndItsAlsoLinesGiveTheLaunchersAdvice() throws Exception {
        EngramException error = new EngramException("the run needs more memory; " + HeapLimitExceeded.MORE_HEAP,
                null);
        error.addSuppressed(new EngramException("the state could not be kept; " + HeapLimitExceeded.MORE_HEAP,
                null));
        CommandLine cl = EngramCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.getExecutionExceptionHandler().handleExecutionException(error, cl, null);
        assertEquals(2, code);
        assertEquals("engram: error: the run needs more memory; " + HeapAdvice.MORE_HEAP + "\n"
                + "engram: also: the state could not be kept; " + HeapAdvice.MORE_HEAP + "\n", err.toString());
    }
}
