package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps a signal must not cut in two run as given while no signal has come. What a signal does is seen
 * from outside a process it stops ({@code ResumeTest} sends SIGTERM): a JVM runs its hooks only as it exits.
 */
class SignalHookTest {
    @Test
    void aStepRunsOnceAndGivesWhatItReturns() {
        List<String> ran = new ArrayList<>();
        try (SignalHook hook = new SignalHook()) {
            assertEquals("folder", hook.step(() -> {
                ran.add("step");
                return "folder";
            }));
            hook.act(() -> ran.add("signal"));
        }
        assertEquals(List.of("step"), ran, "setting the action runs nothing; closing removes the hook unrun");
    }
}
