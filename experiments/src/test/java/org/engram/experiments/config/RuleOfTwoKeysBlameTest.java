package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A section's rule that compares two of its keys ({@code training.min_learning_rate} in {@code [0,
 * learning_rate]}) is blamed on the {@code --set} that changed either of them, as the checks between sections
 * are; a rule of one key alone is never blamed on an override of another. The file's min_learning_rate had
 * been blamed on the file when {@code --set training.learning_rate} made it too large.
 */
class RuleOfTwoKeysBlameTest {
    private static final String TRAINING = "training: {schedule: cosine, learning_rate: 0.002, "
            + "min_learning_rate: 0.001, momentum: 0}\n";

    private static String refusal(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve(yaml + "strategies: [{name: naive}]\n",
                "c.yaml", List.of(overrides), ConfigLayers.Flags.NONE)).getMessage();
    }

    @Test
    void aRuleOfTwoKeysIsBlamedOnTheOverrideOfEither() {
        String rule = "training.min_learning_rate: expected a rate in [0, learning_rate = ";
        assertEquals("--set training.learning_rate=0.0005: " + rule + "0.0005], found 0.001",
                refusal(TRAINING, "training.learning_rate=0.0005"));
        assertEquals("--set training.min_learning_rate=0.5: " + rule + "0.002], found 0.5",
                refusal(TRAINING, "training.min_learning_rate=0.5"));
        // An override of a key the rule does not name changed nothing it compares: the file's value is blamed.
        assertEquals("c.yaml:1:52: " + rule + "0.002], found 0.1",
                refusal(TRAINING.replace("0.001", "0.1"), "training.epochs=3"));
    }

    /**
     * The value of the other key a rule names is shown as the file or the override wrote it, as a value found is:
     * it had been shown as read, 5.0E-4 for 0.0005.
     */
    @Test
    void theValueOfTheKeyARuleNamesIsShownAsWritten() {
        String rule = "training.min_learning_rate: expected a rate in [0, learning_rate = ";
        assertEquals("c.yaml:1:53: " + rule + "0.0005], found 0.001",
                refusal(TRAINING.replace("0.002", "0.0005")));
        assertEquals("--set training.learning_rate=5e-4: " + rule + "5e-4], found 0.001",
                refusal(TRAINING, "training.learning_rate=5e-4"));
    }

    @Test
    void aRuleOfOneKeyIsNotBlamedOnAnOverrideOfAnother() {
        assertEquals("c.yaml:1:78: training.momentum: expected a number in [0, 1), found 1.5",
                refusal(TRAINING.replace("momentum: 0", "momentum: 1.5"), "training.learning_rate=0.01"));
    }
}
