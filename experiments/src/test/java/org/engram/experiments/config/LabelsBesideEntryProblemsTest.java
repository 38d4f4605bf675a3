package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two strategies that share a label are reported beside a problem of another entry, or of one of the two, where
 * the labels are known: a key unknown in one entry, or its params written as a number, had left the strategies
 * at their default for the labels' rule, and the shared label went unreported until that entry was mended. An
 * entry whose label is left out beside an unknown key is left out of the rule: the key may be the label
 * misspelt. Every expected message is written out by hand from the config.
 */
class LabelsBesideEntryProblemsTest {
    private static final String SAME_LABEL = "strategies[1].label: expected a label (else name) no other strategy"
            + " has, also with '+' read as '_' and capitals as small letters, as file names are on some systems (set"
            + " label: to tell two runs of one strategy apart), found a (strategies[0] has a)";

    private static List<String> problems(String strategies) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve("strategies:\n"
                + strategies, "c.yaml", List.of(), ConfigLayers.Flags.NONE));
        return e.problems().stream().map(ConfigException::getMessage).toList();
    }

    @Test
    void aSharedLabelIsReportedBesideAnUnknownKeyOfAnotherEntry() {
        assertEquals(List.of("c.yaml:3:16: " + SAME_LABEL,
                "c.yaml:4:19: strategies[2].extra: expected one of the keys [label, name, params], found unknown key"
                        + " 'extra'"),
                problems("  - {name: ewc, label: a}\n  - {name: si, label: a}\n  - {name: naive, extra: 1}\n"));
    }

    @Test
    void aSharedLabelIsReportedBesideTheProblemOfOneOfItsEntries() {
        assertEquals(List.of(
                "c.yaml:2:27: strategies[0].params: expected a mapping of hyperparameters, found 3",
                "c.yaml:3:16: " + SAME_LABEL),
                problems("  - {name: ewc, label: a, params: 3}\n  - {name: si, label: a}\n"));
        // The label of an entry whose name is of the wrong type is known all the same where it is given.
        assertEquals(List.of(
                "c.yaml:2:6: strategies[0].name: expected a value of type text, found a list",
                "c.yaml:3:16: " + SAME_LABEL),
                problems("  - {name: [ewc], label: a}\n  - {name: si, label: a}\n"));
    }

    /**
     * tasks.validation is a fraction: 0.1 holds samples out, so x's validation heat map would take validation_x's
     * test heat map's name, and that is reported beside the params problem of validation_x's own entry.
     */
    @Test
    void aValidationLabelClashIsReportedBesideTheProblemOfItsEntry() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLayers.resolve("tasks: {validation: 0.1}\n"
                + "strategies:\n  - {name: ewc, label: x}\n  - {name: si, label: validation_x, params: 3}\n", "c.yaml",
                List.of(), ConfigLayers.Flags.NONE));
        assertEquals(List.of("c.yaml:4:16: strategies[1].label: expected a label (else name) other than 'validation_'"
                        + " and another strategy's while tasks.validation holds samples out: the heat map of the"
                        + " other's validation samples, plots/accuracy_matrix_validation_<label>, would have this"
                        + " one's file name, found validation_x (strategies[0] has x)",
                "c.yaml:4:37: strategies[1].params: expected a mapping of hyperparameters, found 3"),
                e.problems().stream().map(ConfigException::getMessage).toList());
        // With no samples held out (tasks.validation 0, its default) there is no validation heat map to clash with.
        assertEquals(List.of("c.yaml:3:37: strategies[1].params: expected a mapping of hyperparameters, found 3"),
                problems("  - {name: ewc, label: x}\n  - {name: si, label: validation_x, params: 3}\n"));
    }

    /** {@code labl} may be the label misspelt: the name is not taken for the label, which may differ. */
    @Test
    void aLabelLeftOutBesideAnUnknownKeyIsNotCompared() {
        assertEquals(List.of("c.yaml:2:17: strategies[0].labl: expected one of the keys [label, name, params], found"
                + " unknown key 'labl'; did you mean 'label'?"),
                problems("  - {name: ewc, labl: b}\n  - {name: ewc}\n"));
    }
}
