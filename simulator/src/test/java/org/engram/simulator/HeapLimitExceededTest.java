package org.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.engram.simulator.model.LifDelta;
import org.engram.simulator.network.NetworkBuilder;
import org.junit.jupiter.api.Test;

/**
 * The simulator's advice about the heap is a library's: the JVM's {@code -Xmx}, which a program that uses it sets
 * however it starts Java. It had named the command line's launcher variable and jar, which such a program has not
 * (from the last notes' leftovers).
 */
class HeapLimitExceededTest {
    @Test
    void aPopulationPastTheHeapIsToldTheJvmsOptionAndNothingOfTheCommandLine() {
        NetworkBuilder builder = new NetworkBuilder(0.1);
        LifDelta.Params params = new LifDelta.Params(10, 250, -70, -55, -65, 2, 400);
        // 2^31 neurons' membrane potentials alone are 17 GB, past any heap the tests run in.
        String message = assertThrows(HeapLimitExceeded.class,
                () -> builder.population("huge", Integer.MAX_VALUE - 8, LifDelta.MODEL, params)).getMessage();
        assertTrue(message.startsWith("population 'huge': size: expected a population whose state fits the Java heap")
                && message.endsWith(", or give Java more heap (the JVM option -Xmx, e.g. -Xmx8g)"), message);
        for (String commandLine : new String[] {"ENGRAM_JAVA_OPTS", "engram.jar", "./engram"}) {
            assertFalse(message.contains(commandLine), message);
        }
    }
}
