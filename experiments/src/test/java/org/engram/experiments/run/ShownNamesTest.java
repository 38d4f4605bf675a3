package org.engram.experiments.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

/** Names of one's own tell their keys apart as a legend shows them: by name, or by key where none is given. */
class ShownNamesTest {
    /**
     * A key given a name is shown by that name, not by itself: two keys may swap names, and a key may be named as
     * itself; a name that another key shows as itself, left without a name, is refused.
     */
    @Test
    void aKeyWithANameIsNoLongerShownAsItself() {
        List<String> keys = List.of("a", "b", "c");
        assertDoesNotThrow(() -> ShownNames.requireDistinct("plot", Map.of("a", "b", "b", "a"), keys, "strategy"));
        assertDoesNotThrow(() -> ShownNames.requireDistinct("plot", Map.of("a", "a"), keys, "strategy"));
        String message = assertThrows(EngramException.class,
                () -> ShownNames.requireDistinct("plot", Map.of("a", "c"), keys, "strategy")).getMessage();
        assertTrue(message.contains("--name a: expected a name no other strategy has, found 'c', the name of c"),
                message);
    }
}
