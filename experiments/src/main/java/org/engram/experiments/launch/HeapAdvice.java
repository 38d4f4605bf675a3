package org.engram.experiments.launch;

import org.engram.simulator.HeapLimitExceeded;

/**
 * How a user of the command line gives Java more heap, which the command line puts in place of the simulator's
 * advice ({@link HeapLimitExceeded#MORE_HEAP}, the JVM's {@code -Xmx} alone) where it reports a message: under
 * {@code ./engram}, whose {@code ENGRAM_JAVA_OPTS} replaces the launcher's default options, and for the jar
 * started by hand. The messages are built with the simulator's advice, in every module, and told this one here.
 */
public final class HeapAdvice {
    /**
     * The JVM options {@code ./engram} gives Java unless {@code ENGRAM_JAVA_OPTS} replaces them: the parallel
     * collector and objects aligned to cache lines. The script spells them too; {@code LauncherTest} holds the two
     * equal.
     */
    public static final String LAUNCHER_JAVA_OPTIONS = "-XX:+UseParallelGC -XX:ObjectAlignmentInBytes=64";

    /** The advice with the launcher's variable, keeping its default options, and the jar's {@code java -Xmx}. */
    public static final String MORE_HEAP = "give Java more heap: ENGRAM_JAVA_OPTS=\"" + LAUNCHER_JAVA_OPTIONS
            + " -Xmx8g\" ./engram ..., or java -Xmx8g -jar engram.jar ...";

    private HeapAdvice() {
    }

    /**
     * A message as the command line reports it: the simulator's advice about the heap replaced by the launcher's.
     *
     * @param message a message, with the simulator's advice or without
     * @return the message with the launcher's advice where it gave the simulator's
     */
    public static String forCommandLine(String message) {
        return message.replace(HeapLimitExceeded.MORE_HEAP, MORE_HEAP);
    }
}
