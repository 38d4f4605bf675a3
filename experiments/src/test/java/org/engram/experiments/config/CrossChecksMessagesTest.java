package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The checks that span sections, each as the user reads it: the key blamed, the rule and the value found, and
 * the way on where there is one.
 */
class CrossChecksMessagesTest {
    /** The problems of a run config named x of the given keys (the rest defaults), as one message. */
    private static String refused(String yaml) {
        String strategies = yaml.contains("strategies") ? "" : "strategies: [{name: naive}]\n";
        return assertThrows(ConfigException.class, () -> ConfigLayers.resolve("name: x\n" + strategies + yaml,
                "c.yaml", List.of(), ConfigLayers.Flags.NONE)).getMessage();
    }

    private static void says(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    @Test
    void syntheticTasksAndSyntheticDataGoTogether() {
        says(refused("tasks: {sequence: synthetic}\n"), "tasks.sequence: expected a sequence of images"
                + " (data.dataset is fashion_mnist), found synthetic; set data.dataset: synthetic");
        says(refused("data: {dataset: synthetic}\n"), "tasks.sequence: expected synthetic (data.dataset is"
                + " synthetic), found split; set tasks.sequence: synthetic");
    }

    @Test
    void rotatedTasksTakeOneAnglePerTask() {
        says(refused("tasks: {sequence: rotated, count: 3, angles_deg: [0, 90]}\n"),
                "tasks.angles_deg: expected one angle per task (3), found 2 angles");
    }

    /** Split groups: none empty, of one size in domain-incremental learning, each class within data.classes. */
    @Test
    void eachSplitGroupHoldsClassesOfTheData() {
        says(refused("tasks: {count: 2, groups: [[0, 1], []]}\n"),
                "tasks.groups[1]: expected at least one class, found []");
        says(refused("tasks: {scenario: domain_incremental, count: 2, groups: [[0, 1], [2, 3, 4]]}\n"),
                "tasks.groups[1]: expected groups of equal size (domain-incremental tasks share one head), found"
                        + " [2, 3, 4]");
        String past = refused("tasks: {count: 2, groups: [[0, 1], [2, 10]]}\n");
        says(past, "tasks.groups[1]: expected classes in [0, 10), found [2, 10]; data of more classes says how many"
                + " with data.classes (10 now)");
        String negative = refused("tasks: {count: 2, groups: [[0, 1], [2, -1]]}\n");
        says(negative, "tasks.groups[1]: expected classes in [0, 10), found [2, -1]");
        assertFalse(negative.contains("data of more classes"), negative);
    }

    /**
     * The Diehl and Cook network learns by STDP: a strategy that needs gradients is refused with the way on; its
     * rest after each sample is a whole number of its 0.5 ms steps.
     */
    @Test
    void diehlCookTakesOnlyTheStrategiesThatActOnItsPlasticity() {
        says(refused("learner: {kind: diehl_cook}\ntasks: {scenario: class_incremental}\n"
                + "strategies: [{name: ewc}]\n"), "strategies[0].name: expected a strategy learner.kind diehl_cook"
                + " supports: naive or importance_gating, found 'ewc'; diehl_cook learns by STDP without gradients"
                + " or a readout; other strategies need learner.kind: bptt");
        says(refused("learner: {kind: diehl_cook, rest_ms: 150.25}\ntasks: {scenario: class_incremental}\n"),
                "learner.rest_ms: expected a whole number of time steps (multiple of dt = 0.5 ms), found 150.25");
    }

    /** An unknown name in a chain is named alone, and the rule then says how a chain is written. */
    @Test
    void anUnknownNameSaysHowAChainIsWrittenOnlyInAChain() {
        String chain = refused("strategies: [{name: naive+ewx}]\n");
        says(chain, "strategies[0].name: expected a strategy name, one of [");
        says(chain, "] (a chain joins names with '+'), found 'ewx'; did you mean 'ewc'?");
        String single = refused("strategies: [{name: ewx}]\n");
        says(single, "], found 'ewx'; did you mean 'ewc'?");
        assertFalse(single.contains("a chain joins"), single);
    }

    /**
     * GPM takes one energy threshold, or one per weight matrix: one into each hidden layer, one more in a recurrent
     * layer, one into the readout (network.hidden [256] has 2, [8] with network.recurrent 3).
     */
    @Test
    void gpmThresholdsAreCountedAgainstTheWeightMatrices() {
        says(refused("strategies: [{name: gpm, params: {thresholds: [0.9, 0.9, 0.9]}}]\n"),
                "strategies[0].params: expected hyperparameters that fit the 2 weight matrices of network.hidden"
                        + " [256], found gpm thresholds [0.9, 0.9, 0.9]: 3 values, where it takes 1 or one per weight"
                        + " matrix (2)");
        says(refused("network: {hidden: [8], recurrent: true}\n"
                + "strategies: [{name: gpm, params: {thresholds: [0.9, 0.9]}}]\n"),
                "strategies[0].params: expected hyperparameters that fit the 3 weight matrices of network.hidden [8]"
                        + " with network.recurrent, found gpm thresholds [0.9, 0.9]: 2 values, where it takes 1 or"
                        + " one per weight matrix (3)");
    }
}
