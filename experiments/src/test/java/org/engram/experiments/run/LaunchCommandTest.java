package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
    @Test
    void theLaunchersPathElseEngram() {
        assertEquals("./engram", LaunchCommand.of(Map.of("ENGRAM_COMMAND", "./engram")));
        assertEquals("engram", LaunchCommand.of(Map.of()));
        assertEquals("engram", LaunchCommand.of(Map.of("ENGRAM_COMMAND", " ")));
    }
}
