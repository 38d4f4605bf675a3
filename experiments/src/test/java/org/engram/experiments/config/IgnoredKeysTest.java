package org.engram.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key is either read by every experiment, or refused where the chosen data, sequence,
 * network, coding, schedule, optimiser or learner would ignore it and accepted where it is read.
 * The cases come from reading the classes that read the config (run.Experiment, run.UnitLearners), key
 * by key.
 */
class IgnoredKeysTest {
    private static final String BASE = "name: t\nstrategies: [{name: naive}]\n";

    /** Keys every experiment reads (training.evaluate_every_epoch has its own error for diehl_cook). */
    private static final Set<String> ALWAYS_READ = Set.of("name", "seeds", "threads", "data.dataset",
            "tasks.sequence", "tasks.scenario", "tasks.count", "tasks.train_per_task", "tasks.test_per_task",
            "tasks.validation", "training.epochs", "training.evaluate_every_epoch", "learner.kind", "strategies[].name",
            "strategies[].label", "strategies[].params", "energy.pj_per_accumulate");

    private static final String DIEHL_COOK = "learner: {kind: diehl_cook}\ntasks: {scenario: class_incremental}\n";
    private static final String SYNTHETIC = "data: {dataset: synthetic}\n";

    /**
     * A key set to a value other than its default, in a config that ignores it and in one that reads it.
     *
     * @param key     the key the error must name
     * @param ignored YAML under which nothing reads the key
     * @param read    YAML under which the key is read
     */
    record Case(String key, String ignored, String read) {
        @Override
        public String toString() {
            return key + " in " + ignored.replace("\n", " ");
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("data.path", "data: {bundled: true, path: /x}", "data: {path: /x}"),
                new Case("data.path", SYNTHETIC.replace("}", ", path: /x}") + "tasks: {sequence: synthetic}",
                        "data: {path: /x}"),
                new Case("data.bundled", SYNTHETIC.replace("}", ", bundled: true}") + "tasks: {sequence: synthetic}",
                        "data: {bundled: true}"),
                new Case("data.classes", SYNTHETIC.replace("}", ", classes: 12}") + "tasks: {sequence: synthetic}",
                        "data: {classes: 12}"),
                new Case("tasks.classes_per_task", "tasks: {sequence: permuted, classes_per_task: 3}",
                        "tasks: {sequence: split, count: 3, classes_per_task: 3}"),
                new Case("tasks.classes_per_task", "tasks: {sequence: rotated, classes_per_task: 3}",
                        SYNTHETIC + "tasks: {sequence: synthetic, classes_per_task: 3}"),
                new Case("tasks.classes_per_task", "tasks: {count: 2, groups: [[0, 1], [2, 3]], classes_per_task: 3}",
                        "tasks: {count: 3, classes_per_task: 3}"),
                new Case("tasks.groups", "tasks: {sequence: permuted, count: 2, groups: [[0], [1]]}",
                        "tasks: {count: 2, groups: [[0, 2], [1, 3]]}"),
                new Case("tasks.first_unpermuted", "tasks: {sequence: rotated, first_unpermuted: true}",
                        "tasks: {sequence: permuted, first_unpermuted: true}"),
                new Case("tasks.angles_deg", "tasks: {count: 2, angles_deg: [0, 90]}",
                        "tasks: {sequence: rotated, count: 2, angles_deg: [0, 90]}"),
                new Case("network.tau_adapt_ms", "network: {tau_adapt_ms: 50}",
                        "network: {neuron: adaptive_lif, tau_adapt_ms: 50}"),
                new Case("network.adaptation", "network: {adaptation: 0.1}",
                        "network: {neuron: adaptive_lif, adaptation: 0.1}"),
                new Case("network.trace_tau_ms", "network: {trace_tau_ms: 5}",
                        "network: {readout: exp_rate, trace_tau_ms: 5}"),
                new Case("encoder.gain", "encoder: {kind: latency, gain: 0.5}", "encoder: {kind: rate, gain: 0.5}"),
                new Case("encoder.gain", "encoder: {kind: latency, gain: 2}",
                        "encoder: {kind: direct_current, gain: 2}"),
                new Case("encoder.cutoff", "encoder: {kind: rate, cutoff: 0.5}",
                        "encoder: {kind: latency, cutoff: 0.5}"),
                new Case("training.min_learning_rate", "training: {min_learning_rate: 0.0001}",
                        "training: {schedule: cosine, min_learning_rate: 0.0001}"),
                new Case("training.momentum", "training: {momentum: 0.5}", "training: {optimizer: sgd, momentum: 0.5}"),
                new Case("energy.pj_per_multiply_accumulate", "energy: {pj_per_multiply_accumulate: 1}",
                        "encoder: {kind: direct_current}\nenergy: {pj_per_multiply_accumulate: 1}"),
                new Case("energy.pj_per_multiply_accumulate", DIEHL_COOK + "energy: {pj_per_multiply_accumulate: 1}",
                        "encoder: {kind: direct_current}\nenergy: {pj_per_multiply_accumulate: 1}")));
        // The generated patterns: read by a synthetic sequence only.
        for (String kv : List.of("inputs: 7", "train_per_class: 9", "test_per_class: 9", "active_fraction: 0.5",
                "noise: 0.3")) {
            String section = "tasks: {sequence: %s, synthetic: {" + kv + "}}";
            cases.add(new Case("tasks.synthetic." + kv.split(":")[0], String.format(section, "split"),
                    SYNTHETIC + String.format(section, "synthetic")));
        }
        // Learner diehl_cook reads none of network, encoder and training but training.epochs; bptt reads them.
        for (String kv : List.of("network: {hidden: [8]}", "network: {neuron: adaptive_lif}", "network: {tau_ms: 5}",
                "network: {threshold: 2}", "network: {reset: zero}", "network: {recurrent: true}",
                "network: {readout: spike_count}", "network: {readout_tau_ms: 5}", "network: {dt_ms: 0.5}",
                "network: {init_gain: 2}", "encoder: {kind: latency}", "encoder: {steps: 5}",
                "training: {batch_size: 8}", "training: {block_size: 4}", "training: {optimizer: sgd}",
                "training: {learning_rate: 0.01}", "training: {schedule: cosine}", "training: {surrogate: arctan}",
                "training: {slope: 5}", "training: {detach_reset: true}", "training: {weight_decay: 0.1}",
                "training: {clip_norm: 1}")) {
            cases.add(new Case(kv.substring(0, kv.indexOf(':')) + "." + kv.substring(kv.indexOf('{') + 1,
                    kv.lastIndexOf(':')), DIEHL_COOK + kv, kv));
        }
        // Network keys of one neuron model or readout, under diehl_cook too.
        cases.add(new Case("network.tau_adapt_ms", DIEHL_COOK + "network: {tau_adapt_ms: 50}",
                "network: {neuron: adaptive_lif, tau_adapt_ms: 50}"));
        cases.add(new Case("network.adaptation", DIEHL_COOK + "network: {adaptation: 0.1}",
                "network: {neuron: adaptive_lif, adaptation: 0.1}"));
        cases.add(new Case("network.trace_tau_ms", DIEHL_COOK + "network: {trace_tau_ms: 5}",
                "network: {readout: exp_rate, trace_tau_ms: 5}"));
        cases.add(new Case("encoder.gain", DIEHL_COOK + "encoder: {gain: 0.5}", "encoder: {gain: 0.5}"));
        cases.add(new Case("encoder.cutoff", DIEHL_COOK + "encoder: {cutoff: 0.5}",
                "encoder: {kind: latency, cutoff: 0.5}"));
        cases.add(new Case("training.min_learning_rate", DIEHL_COOK + "training: {min_learning_rate: 0.0001}",
                "training: {schedule: cosine, min_learning_rate: 0.0001}"));
        cases.add(new Case("training.momentum", DIEHL_COOK + "training: {momentum: 0.5}",
                "training: {optimizer: sgd, momentum: 0.5}"));
        // What only the Diehl and Cook network reads.
        for (String kv : List.of("neurons: 50", "present_ms: 200", "rest_ms: 100", "label_per_task: 10")) {
            cases.add(new Case("learner." + kv.split(":")[0], "learner: {" + kv + "}",
                    DIEHL_COOK.replace("diehl_cook}", "diehl_cook, " + kv + "}")));
        }
        return cases;
    }

    private static ConfigLayers.Resolved resolve(String yaml) {
        return ConfigLayers.resolve(BASE + yaml + "\n", "t.yaml", List.of(), ConfigLayers.Flags.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aKeyIsRefusedWhereNothingReadsIt(Case c) {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(c.ignored()));
        assertTrue(e.getMessage().startsWith("t.yaml:") && e.getMessage().contains(
                c.key() + ": expected no value here (") && e.getMessage().contains("; remove the key"), e.getMessage());
        assertEquals(1, e.getMessage().split("expected").length - 1, "only the key itself: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameValueIsAcceptedWhereItIsRead(Case c) {
        resolve(c.read());
    }

    @Test
    void everyKeyIsReadByEveryExperimentOrHasACaseWhereItIsIgnored() {
        Set<String> withCase = new TreeSet<>();
        cases().forEach(c -> withCase.add(c.key()));
        Set<String> undecided = new TreeSet<>();
        for (ConfigDocs.Row row : ConfigDocs.rows()) {
            boolean leaf = !row.def().equals("(section)") && !row.def().equals("(list)");
            if (leaf && ALWAYS_READ.contains(row.key()) == withCase.contains(row.key())) {
                undecided.add(row.key());
            }
        }
        assertEquals(Set.of(), undecided, "each key is either always read or has a case where it is ignored");
    }

    /** All ignored keys of a config are reported together, each at its own line. */
    @Test
    void everyIgnoredKeyIsReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(
                "tasks: {sequence: split, synthetic: {inputs: 7}}\nencoder: {kind: rate, cutoff: 0.5}"));
        assertTrue(e.getMessage().startsWith("2 problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("t.yaml:3:38: tasks.synthetic.inputs: expected no value here (only a"
                + " synthetic sequence generates patterns), found 7"), e.getMessage());
        assertTrue(e.getMessage().contains("t.yaml:4:23: encoder.cutoff: expected no value here (only latency coding"
                + " has a cutoff), found 0.5"), e.getMessage());
    }
}
