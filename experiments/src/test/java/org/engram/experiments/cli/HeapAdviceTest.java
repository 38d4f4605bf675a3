package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.engram.simulator.HeapLimitExceeded;
import org.junit.jupiter.api.Test;

/**
 * The advice every message about the heap's limit gives: messages had said "(-Xmx)" alone, which tells
 * a user of {@code ./engram} nothing about {@code ENGRAM_JAVA_OPTS}, or named that variable alone.
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
        assertTrue(HeapLimitExceeded.MORE_HEAP.matches("give Java more heap: ENGRAM_JAVA_OPTS=\""
                + Pattern.quote(defaults.group(1)) + " -Xmx\\d+g\" \\./engram \\.\\.\\., .*"),
                HeapLimitExceeded.MORE_HEAP);
    }

    /** Started without the launcher, the heap is the JVM's option before {@code -jar}. */
    @Test
    void theAdviceSaysHowToStartTheJarWithMoreHeap() {
        assertTrue(HeapLimitExceeded.MORE_HEAP.matches(".*, or java -Xmx\\d+g -jar engram\\.jar \\.\\.\\."),
                HeapLimitExceeded.MORE_HEAP);
    }
}
