package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A number longer than the YAML reader takes (1000 characters, Jackson's StreamReadConstraints) is refused at its
 * line and column with its length: it reached the reader's last fallback, which had said "expected valid YAML,
 * found Number value length (1001) exceeds the maximum allowed (1000, from
 * `StreamReadConstraints.getMaxNumberLength()`)" at the file alone. Every expected message is written by hand.
 */
class LongNumberTest {
    private static final String ADVICE = "; a double keeps about 17 significant digits: write fewer, with an"
            + " exponent for a large or small number (1.5e300)";

    private static String refusal(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml, "big.yaml", List.of(),
                ConfigLayers.Flags.NONE)).getMessage();
    }

    @Test
    void aNumberPastTheReadersLengthIsRefusedAtItsPlace() {
        assertEquals("big.yaml:2:12: expected a number of at most 1000 characters, found one of 1001" + ADVICE,
                refusal("name: big\nseeds: [1, " + "1".repeat(1001) + "]\n"));
        // A fraction counts its point and sign; a shorter number before it on the line is not taken for it.
        assertEquals("big.yaml:3:18: expected a number of at most 1000 characters, found one of 1004" + ADVICE,
                refusal("name: big\ntraining:\n  learning_rate: -0." + "1".repeat(1001) + "\n"));
    }
}
