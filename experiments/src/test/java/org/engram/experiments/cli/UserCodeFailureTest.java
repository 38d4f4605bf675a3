package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which stack frames of a user's failing code are shown, on a trace made by hand: the user's package's and
 * libraries' frames are kept, Engram's and the JDK's between them counted, and nothing from the engine on.
 */
class UserCodeFailureTest {
    private static final String MINE = "org.engram.experiments.cli.Mine";

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void keepsTheUsersAndLibrariesFramesAndCountsEngramsAndTheJdksBetween() {
        Throwable t = new Throwable();
        t.setStackTrace(new StackTraceElement[] {
            frame("com.example.Parser", "parse", 1),                             // a library the code calls
            frame("java.util.ArrayList", "forEach", 2),
            frame(MINE, "onPost", 3),
            frame("org.engram.learning.plasticity.PlasticityRule", "post", 4),
            frame("jdk.internal.reflect.Method", "invoke", 5),
            frame("org.engram.experiments.cli.sub.Helper", "help", 6),           // a package below is Engram's
            frame(MINE, "caller", 7),
            frame("org.engram.learning.plasticity.PlasticityRule", "pre", 8),   // after the last: unsaid
            frame("org.engram.simulator.engine.Engine", "deliver", 9),
            frame("com.example.Main", "main", 10)});                             // beyond the engine's call
        assertEquals(List.of("at com.example.Parser.parse(Parser.java:1)",
                "... 1 frame of Engram or the JDK",
                "at org.engram.experiments.cli.Mine.onPost(Mine.java:3)",
                "... 3 frames of Engram or the JDK",
                "at org.engram.experiments.cli.Mine.caller(Mine.java:7)"),
                UserCodeFailure.userFrames(t, "org.engram.experiments.cli"));
    }
}
