package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A signal while a simulation builds its network, or in the first seconds of a run, ended the process
 * with code 130 and no word. The hook's action is called here as the JVM would call it on a signal.
 */
class SetupStopTest {
    @Test
    void aSignalDuringTheSetupSaysNothingWasWritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SetupStop setup = new SetupStop("simulation", new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        setup.signalled();
        assertEquals("engram: stopped before the simulation began; nothing was written" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * The line is flushed as the hook says it: standard error may buffer (here a buffered stream that does not
     * flush by itself), and the JVM halts when its hooks end.
     */
    @Test
    void theLineReachesABufferedStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream buffered = new PrintStream(new BufferedOutputStream(bytes), false, StandardCharsets.UTF_8);
        new SetupStop("run", buffered, false).signalled();
        assertEquals(SetupStop.line("run") + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    /** Once the work has its folder, that folder's hook speaks: this one says nothing more. */
    @Test
    void aSignalAfterTheSetupSaysNothingHere() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SetupStop setup = new SetupStop("simulation", new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        setup.close();
        setup.signalled();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
