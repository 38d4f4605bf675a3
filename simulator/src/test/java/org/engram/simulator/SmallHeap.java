package org.engram.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a test class's {@code main} in a JVM of its own with a small heap, for tests of what happens when
 * the heap is full: the test JVM's heap of gigabytes would take long to fill, and each test would leave it
 * to the next. In the child, {@link #fillLeaving} fills the heap but for a given room, so that what fits
 * the heap alone finds no room beside what it holds.
 */
public final class SmallHeap {
    /**
     * One collector, whichever the machine would choose: how much of the room that {@link #fillLeaving} leaves
     * one array can take depends on it (the serial collector's young and old parts each hold a share).
     */
    private static final String GARBAGE_COLLECTOR = "-XX:+UseSerialGC";
    /** Blocks of 256 kB: small enough that the room left is known to a quarter of a MB. */
    private static final int BLOCK_BYTES = 256 * 1024;
    /**
     * The blocks that fill the heap, held here so that they stay until {@link #release}; sized for a
     * heap of blocks at once, as a list that grew would fail to grow before the heap was full.
     */
    private static final List<byte[]> BLOCKS = new ArrayList<>((int) (Runtime.getRuntime().maxMemory()
            / BLOCK_BYTES));

    /**
     * What the child printed, standard output and error merged, and its exit code.
     *
     * @param exitCode the child's exit code
     * @param lines    its output, line by line
     */
    public record Output(int exitCode, List<String> lines) {
        /** {@return the output as one text, for a failed assertion's message} */
        public String text() {
            return String.join("\n", lines);
        }
    }

    private SmallHeap() {
    }

    /**
     * Runs {@code main.main(args)} in a JVM whose heap is at most {@code maxHeap}, on this test's class path.
     *
     * @param maxHeap the JVM's {@code -Xmx} value, e.g. {@code 64m}
     * @param main    the class whose {@code main} runs
     * @param args    its arguments
     * @return what it printed and its exit code
     */
    public static Output run(String maxHeap, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, GARBAGE_COLLECTOR, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        return new Output(child.waitFor(), lines);
    }

    /**
     * Fills the heap with blocks until no more fits, then lets go of about {@code roomMb} MB of them: an
     * allocation past that room fails beside them, however small it is against the heap.
     *
     * @param roomMb the MB to leave free
     */
    public static void fillLeaving(int roomMb) {
        try {
            while (true) {
                BLOCKS.add(new byte[BLOCK_BYTES]);
            }
        } catch (OutOfMemoryError full) {
            // One by one: with the heap full, even a view of the list would not fit.
            for (int k = 0; k < roomMb * (1 << 20) / BLOCK_BYTES && !BLOCKS.isEmpty(); k++) {
                BLOCKS.remove(BLOCKS.size() - 1);
            }
        }
    }

    /** Lets go of every block that {@link #fillLeaving} holds. */
    public static void release() {
        BLOCKS.clear();
    }
}
