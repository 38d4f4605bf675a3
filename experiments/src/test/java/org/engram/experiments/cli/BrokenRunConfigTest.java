package org.engram.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.engram.experiments.launch.HeapAdvice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken experiment config or override exits with code 2, a message that names the file
 * (and line), the key, what was expected and what was found, and leaves no run folder behind.
 */
class BrokenRunConfigTest {
    private static final String GOOD = String.join("\n",
            "name: broken",                               // 1
            "seeds: [1]",                                 // 2
            "data: {bundled: true}",                      // 3
            "tasks:",                                     // 4
            "  sequence: split",                          // 5
            "  scenario: task_incremental",               // 6
            "  count: 2",                                 // 7
            "  classes_per_task: 2",                      // 8
            "  train_per_task: 20",                       // 9
            "  test_per_task: 10",                        // 10
            "network: {hidden: [8]}",                     // 11
            "encoder: {steps: 4}",                        // 12
            "training:",                                  // 13
            "  epochs: 1",                                // 14
            "  learning_rate: 0.001",                     // 15
            "strategies:",                                // 16
            "  - name: naive",                            // 17
            "  - name: ewc",                              // 18
            "    params: {lambda: 10}",                   // 19
            "");

    /** Words of Jackson's own messages that mean nothing to someone writing a config. */
    static final List<String> PARSER_INTERNALS = List.of("JsonToken", "JsonNode", "DeserializationFeature",
            "StreamReadFeature", "REDACTED", "com.fasterxml", "Trailing token");

    static Stream<Arguments> broken() {
        return Stream.of(
                file("unknown section", GOOD.replace("training:", "traning:"),
                        "bad.yaml:13:1: traning: expected one of the keys", "did you mean 'training'?"),
                file("unknown nested key", GOOD.replace("  epochs: 1", "  epoch: 1"),
                        "bad.yaml:14:3: training.epoch", "did you mean 'epochs'?"),
                file("wrong type", GOOD.replace("  epochs: 1", "  epochs: two"),
                        "bad.yaml:14:3: training.epochs: expected a value of type integer", "two"),
                file("fraction for a count", GOOD.replace("  count: 2", "  count: 2.5"),
                        "bad.yaml:7:3: tasks.count: expected a value of type integer", "2.5"),
                file("quoted number", GOOD.replace("  epochs: 1", "  epochs: '1'"),
                        "bad.yaml:14:3: training.epochs: expected a value of type integer", "1"),
                // Not quoted: YAML's tag of text made it text, and the advice says to drop the tag.
                file("number tagged as text", GOOD.replace("  epochs: 1", "  epochs: !!str 1"),
                        "bad.yaml:14:3: training.epochs: expected a value of type integer, found the text \"1\"; a"
                                + " number tagged !!str is text: write 1 without the tag"),
                // An override's own text says how its value was made text, whatever the file wrote there.
                set("number tagged as text by --set", "training.epochs=!!str 2", "--set training.epochs=!!str 2:"
                        + " training.epochs: expected a value of type integer, found the text \"2\"; a number tagged"
                        + " !!str is text: write 2 without the tag"),
                set("number tagged as text inside a --set mapping", "training={epochs: !!str 2}",
                        "training.epochs: expected a value of type integer", "write 2 without the tag"),
                set("number quoted by --set", "training.epochs='2'", "--set training.epochs='2': training.epochs:"
                        + " expected a value of type integer, found the text \"2\"; a number in quotes is text: write 2"
                        + " without quotes"),
                Arguments.of("number quoted by --set over one the file tagged",
                        GOOD.replace("  epochs: 1", "  epochs: !!str 1"), List.of("--set", "training.epochs='2'"),
                        List.of("--set training.epochs='2': training.epochs:", "write 2 without quotes")),
                // From a fuzz audit: Jackson read a number as the constant at that place, class_incremental here.
                file("number for a scenario", GOOD.replace("  scenario: task_incremental", "  scenario: 2"),
                        "bad.yaml:6:3: tasks.scenario: expected one of task_incremental, domain_incremental,"
                                + " class_incremental, found 2"),
                // A number for a strategy's name was told to be quoted, and then refused as no strategy.
                file("number for a strategy", GOOD.replace("  - name: naive", "  - name: 1"),
                        "bad.yaml:17:", "strategies[0].name: expected a strategy name, one of [naive, joint, ewc,",
                        "found '1'"),
                set("number for an encoder by --set", "encoder.kind=1", "--set encoder.kind=1: encoder.kind: expected"
                        + " one of rate, latency, direct_current, found 1"),
                // From a fuzz audit: the reader said "special characters are not allowed", with no place or character.
                file("control character", GOOD.replace("  epochs: 1", "  epochs: 1 \u0007"),
                        "bad.yaml:14:13: expected printable text", "found the character U+0007"),
                // From a review: a --set's value said only "expected a YAML value", and one at its end was dropped.
                // The override itself is shown with its control characters escaped (from a fuzz audit: shown raw).
                set("control character in a --set value", "name=a\u0007b", "--set name=a\\x07b: name: expected"
                        + " printable text", "found the character U+0007"),
                set("control character at the end of a --set value", "training.epochs=2\u0007",
                        "--set training.epochs=2\\x07: training.epochs: expected printable text",
                        "found the character U+0007"),
                set("control character in a --set key", "training.ep\u0007ochs=2", "--set training.ep\\x07ochs=2:"
                        + " training.ep\\x07ochs: expected a key path such as training.epochs or"
                        + " populations[0].params.v_th, found 'training.ep\\x07ochs'"),
                // A line break had printed the message over two lines.
                set("line break in a --set value", "training.epochs=2\n3", "--set training.epochs=2\\n3:"
                        + " training.epochs: expected a value of type integer, found the text \"2 3\""),
                set("line break in a --set value that is no YAML", "name=[a\nb", "--set name=[a\\nb: name: expected a"
                        + " YAML value (number, text, true/false, [list] or {mapping}), found '[a\\nb'"),
                // A line break or BEL in the value found, written as an escape, had been printed raw (from a review).
                set("line break in a value found", "training.epochs=\"a\\nb\\x07\"",
                        "--set training.epochs=\"a\\nb\\x07\": training.epochs: expected a value of type integer,"
                        + " found the text \"a\\nb\\x07\"\n"),
                // A text of two quotation marks is no empty text, though an empty text's JSON form looks so.
                set("a text of two quotation marks", "tasks.sequence='\"\"'", "tasks.sequence: expected one of split,"
                        + " permuted, rotated, synthetic, found \"\"\n"),
                // From a fuzz audit: 2 x 2147483647 wrapped to -2, which passed, and the run ran out of memory.
                set("classes of the tasks past 2^31", "tasks.classes_per_task=2147483647", "tasks.count: expected count"
                        + " x classes_per_task <= 10 classes, found 2 x 2147483647"),
                // From a fuzz audit: the run's energy became infinite, which metrics.json refused after training.
                set("energy cost past 1 J", "energy.pj_per_accumulate=1e308", "--set energy.pj_per_accumulate=1e308:"
                        + " energy.pj_per_accumulate: expected a cost of at most 1e12 pJ (1 J) per operation, found"),
                file("integer for a boolean", GOOD.replace("data: {bundled: true}", "data: {bundled: 2}"),
                        "bad.yaml:3:", "data.bundled: expected a value of type boolean", "found 2"),
                file("fraction for a boolean", GOOD.replace("data: {bundled: true}", "data: {bundled: 0.5}"),
                        "bad.yaml:3:", "data.bundled: expected a value of type boolean", "found 0.5"),
                file("number for a list", GOOD.replace("seeds: [1]", "seeds: 1"),
                        "bad.yaml:2:1: seeds: expected a list, found 1"),
                file("text for a section", GOOD.replace("network: {hidden: [8]}", "network: small"),
                        "bad.yaml:11:1: network: expected a mapping of keys, found the text \"small\""),
                // Each of 40 layers of 10,000 fits the tests' 4 GB heap alone (1.6 GB while drawn); together
                // they do not (16 GB), which was found only after some had been drawn into a run folder.
                file("layers that fit the heap one by one but not together", GOOD
                        .replace("network: {hidden: [8]}", "network: {hidden: ["
                                + String.join(", ", java.util.Collections.nCopies(40, "10000")) + "]}")
                        .replace("encoder: {steps: 4}", "encoder: {steps: 50}"),
                        "bad.yaml:11:", "network.hidden: expected synapses that fit the Java heap"),
                file("a list as a key", GOOD + "? [a, b]\n: c\n",
                        "bad.yaml:20:", "expected keys written as plain text, found a list or mapping used as a key"),
                file("nesting past the reader's limit", GOOD.replace("seeds: [1]", "seeds: " + "[".repeat(1001)
                        + "1" + "]".repeat(1001)), "bad.yaml", "expected at most 1000 levels of nested lists and"
                        + " mappings, found deeper nesting"),
                file("a list for the whole file", "- name: tiny\n- seeds: [1]\n",
                        "bad.yaml:1:1: expected a YAML mapping of keys, found a list"),
                file("list for a number", GOOD.replace("  epochs: 1", "  epochs: [1]"),
                        "bad.yaml:14:3: training.epochs: expected a value of type integer, found a list"),
                file("two YAML documents", GOOD + "---\nname: other\n",
                        "bad.yaml:20:1: expected one YAML document, found a second one, starting with '---'"),
                file("tab as indentation", GOOD.replace("  epochs: 1", "\tepochs: 1"),
                        "bad.yaml:14:1: expected valid YAML, found a syntax error", "TAB"),
                file("key given twice", GOOD.replace("  epochs: 1", "  epochs: 1\n  epochs: 2"),
                        "bad.yaml", "epochs"),
                file("empty value", GOOD.replace("  epochs: 1", "  epochs:"),
                        "bad.yaml:14:3: training.epochs: expected a value, found nothing"),
                file("labels equal in file names", GOOD.replace("  - name: naive", "  - name: naive\n    label: a+b")
                        .replace("  - name: ewc", "  - name: ewc\n    label: a_b"),
                        "strategies[1].label", "also with '+' read as '_'", "a_b"),
                // Their folders and plots would be one on the case-blind file systems of macOS and Windows.
                file("labels that differ in capitals only", GOOD.replace("  - name: ewc", "  - name: ewc\n"
                        + "    label: Naive"), "strategies[1].label", "capitals as small letters", "found Naive"),
                // With validation samples, ewc's validation heat map would be drawn to validation_ewc's file.
                file("a label that is validation_ and another's", GOOD.replace("  - name: naive",
                        "  - name: naive\n    label: validation_ewc").replace("  test_per_task: 10",
                        "  test_per_task: 10\n  validation: 0.5"), "strategies[0].label", "other than 'validation_'"
                        + " and another strategy's", "plots/accuracy_matrix_validation_<label>",
                        "found validation_ewc (strategies[1] has ewc)"),
                file("label not starting with a letter",
                        GOOD.replace("  - name: naive", "  - name: naive\n    label: '+x'"),
                        "strategies[0].label", "starting with a letter or digit", "found '+x'"),
                file("angle not a number",
                        GOOD.replace("  sequence: split", "  sequence: rotated\n  angles_deg: [NaN, 0]")
                                .replace("  classes_per_task: 2\n", ""),
                        "tasks.angles_deg[0]: expected a finite number (deg)", "NaN"),
                file("path ignored by bundled data",
                        GOOD.replace("data: {bundled: true}", "data: {bundled: true, path: /x}"),
                        "bad.yaml:3:", "data.path: expected no value here (data.bundled: true", "found /x"),
                file("angles of a split sequence", GOOD.replace("  count: 2", "  count: 2\n  angles_deg: [0, 90]"),
                        "tasks.angles_deg: expected no value here (only a rotated sequence", "remove the key"),
                file("keys of another sequence and coding",
                        GOOD.replace("  count: 2", "  count: 2\n  synthetic: {inputs: 7}")
                                .replace("encoder: {steps: 4}", "encoder: {steps: 4, cutoff: 0.5}"), "2 problems:",
                        "bad.yaml:8:15: tasks.synthetic.inputs: expected no value here (only a synthetic sequence",
                        "bad.yaml:13:21: encoder.cutoff: expected no value here (only latency coding has a cutoff),"
                                + " found 0.5"),
                file("network of a learner without one", GOOD.replace("strategies:", "learner: {kind: diehl_cook}\n"
                        + "strategies:").replace("scenario: task_incremental", "scenario: class_incremental")
                        .replace("  - name: ewc\n    params: {lambda: 10}\n", ""),
                        "bad.yaml:11:11: network.hidden: expected no value here (learner.kind diehl_cook", "found [8]"),
                file("presentation off the learner's grid", GOOD.replace("strategies:", "learner: {kind: diehl_cook,"
                        + " present_ms: 0.35}\nstrategies:")
                        .replace("scenario: task_incremental", "scenario: class_incremental")
                        .replace("  - name: ewc\n    params: {lambda: 10}\n", ""),
                        "bad.yaml:16:", "learner.present_ms: expected a whole number of time steps", "0.35"),
                // Ten million permuted tasks of 30 samples: 9.4 TB of features, past any heap (it ran out of
                // memory after making the run's folder).
                file("tasks past the heap", GOOD.replace("sequence: split", "sequence: permuted")
                        .replace("count: 2", "count: 10000000"),
                        "bad.yaml:7:", "tasks.count: expected tasks whose samples fit the Java heap of",
                        "found 10000000 tasks of 30 samples x 784 features"),
                file("presentation of no step", GOOD.replace("strategies:", "learner: {kind: diehl_cook,"
                        + " present_ms: 1e-12}\nstrategies:")
                        .replace("scenario: task_incremental", "scenario: class_incremental")
                        .replace("  - name: ewc\n    params: {lambda: 10}\n", ""),
                        "bad.yaml:16:", "learner.present_ms: expected a whole number of time steps, at least one",
                        "1.0E-12"),
                file("more Diehl-Cook neurons than one array lists the inhibition of", GOOD.replace("strategies:",
                        "learner: {kind: diehl_cook, neurons: 46342}\nstrategies:")
                        .replace("scenario: task_incremental", "scenario: class_incremental")
                        .replace("  - name: ewc\n    params: {lambda: 10}\n", ""),
                        "bad.yaml:16:", "learner.neurons: expected an integer in [1, 46341]", "found 46342"),
                file("a typo hides none of its section's other problems", GOOD.replace("encoder: {steps: 4}",
                        "encoder: {stepz: 4, gain: x}").replace("  epochs: 1", "  epoch: 1").replace(
                        "learning_rate: 0.001", "learning_rate: -1"),
                        "bad.yaml:12:11: encoder.stepz: expected one of the keys", "did you mean 'steps'?",
                        "bad.yaml:12:21: encoder.gain: expected a value of type number, found the text \"x\"",
                        "bad.yaml:14:3: training.epoch: expected one of the keys", "did you mean 'epochs'?",
                        "bad.yaml:15:3: training.learning_rate: expected a finite number > 0", "found -1"),
                file("a label too long for a file name", GOOD.replace("  - name: naive", "  - name: naive\n    label: "
                        + "b".repeat(65)), "bad.yaml:18:5: strategies[0].label: expected a name of at most 64 ASCII"),
                file("a recurrent layer past one array's weights", GOOD.replace("network: {hidden: [8]}",
                        "network: {hidden: [50000], recurrent: true}"), "bad.yaml:11:", "network.hidden: expected at "
                        + "most 2147483639 weights in one matrix (one array), i.e. at most 46340 units in a recurrent "
                        + "layer, found 50000 x 50000"),
                file("a typo in a strategy entry hides none of its params' problems", GOOD.replace(
                        "    params: {lambda: 10}", "    params: {lambda: -5}\n    labl: x"),
                        "bad.yaml:19:14: strategies[1].params.lambda: expected a finite number >= 0", "found -5",
                        "bad.yaml:20:5: strategies[1].labl: expected one of the keys [label, name, params]"),
                file("a presentation of days", GOOD.replace("strategies:", "learner: {kind: diehl_cook,"
                        + " present_ms: 1e9}\nstrategies:")
                        .replace("scenario: task_incremental", "scenario: class_incremental")
                        .replace("  - name: ewc\n    params: {lambda: 10}\n", ""),
                        "bad.yaml:16:", "learner.present_ms: expected at most 10000 ms of simulated time per sample"),
                // From a fuzz audit: the refusal named strategies[0].label, a key the entry does not have.
                file("a name that cannot be the label", GOOD.replace("  - name: naive", "  - name: '+'"),
                        "bad.yaml:17:5: strategies[0].name: expected a strategy name of at most 64 ASCII letters,"
                        + " digits, '.', '_', '-' or '+' starting with a letter or digit (it is the label, which names"
                        + " files), found '+'"),
                file("groups of another count", GOOD.replace("  classes_per_task: 2", "  groups: [[0, 1]]"),
                        "bad.yaml:8:3: tasks.groups: expected one group per task (count = 2), found 1 group\n"),
                // From a fuzz audit: the place was the end of the key, the column of its ':'.
                file("a key given twice", GOOD.replace("  epochs: 1", "  epochs: 1\n  epochs: 2"),
                        "bad.yaml:15:3: training.epochs: expected each key once in a mapping, found it a second time"),
                file("a key given twice in a flow mapping", GOOD.replace("{lambda: 10}", "{lambda: 10, lambda: 20}"),
                        "bad.yaml:19:26: strategies[1].params.lambda: expected each key once in a mapping, found it a"
                                + " second time"),
                file("an empty label", GOOD.replace("  - name: naive", "  - name: naive\n    label: ''"),
                        "strategies[0].label: expected a name of at most 64 ASCII", "found an empty label"),
                file("a name too long for a folder", GOOD.replace("name: broken", "name: " + "n".repeat(300)),
                        "bad.yaml:1:1: name: expected a name of at most 64 ASCII letters"),
                file("empty list entry", GOOD.replace("seeds: [1]", "seeds: [1, null]"),
                        "bad.yaml:2:", "seeds[1]: expected a value, found nothing"),
                file("out of range", GOOD.replace("learning_rate: 0.001", "learning_rate: -1"),
                        "bad.yaml:15:3: training.learning_rate: expected a finite number > 0", "found -1"),
                file("NaN is out of range", GOOD.replace("learning_rate: 0.001", "learning_rate: NaN"),
                        "training.learning_rate: expected a finite number > 0", "found NaN"),
                file("infinity is out of range", GOOD.replace("learning_rate: 0.001", "learning_rate: 1e999"),
                        "training.learning_rate: expected a finite number > 0", "found 1e999 (read as Infinity)"),
                file("rate gain above 1", GOOD.replace("encoder: {steps: 4}", "encoder: {steps: 4, gain: 1.5}"),
                        "bad.yaml:12:21: encoder.gain", "a spike probability in (0, 1] for rate coding", "found 1.5"),
                file("bad enum", GOOD.replace("scenario: task_incremental", "scenario: task"),
                        "bad.yaml:6:3: tasks.scenario", "task_incremental, domain_incremental, class_incremental",
                        "found task"),
                // The closest name is offered, and where a strategy of one's own would be found.
                file("unknown strategy", GOOD.replace("name: ewc", "name: ewk"),
                        "bad.yaml:18:5: strategies[1].name", "found 'ewk'", "did you mean 'ewc'?; a strategy of your"
                                + " own is found through its StrategyProvider"),
                file("strategy parameter out of range", GOOD.replace("lambda: 10", "lambda: -5"),
                        "bad.yaml:19:14: strategies[1].params.lambda", "found -5"),
                // A name nothing is close to: perhaps a strategy of one's own whose provider is not on the class path.
                file("unknown strategy", GOOD.replace("  - name: ewc", "  - name: freeze_everything"),
                        "strategies[1].name: expected a strategy name, one of [", "found 'freeze_everything'",
                        "a strategy of your own is found through its StrategyProvider, named in META-INF/services/"
                                + "org.engram.learning.continual.StrategyProvider on ENGRAM_CLASSPATH"),
                file("agem memory of no samples", GOOD.replace("name: ewc\n    params: {lambda: 10}",
                        "name: agem\n    params: {memory_size: 0}"), "bad.yaml:19:14: strategies[1].params.memory_size",
                        "expected an integer >= 1 (samples)", "found 0"),
                set("agem reference sample of no samples", "strategies[0]={name: agem, params: {sample_size: -2}}",
                        "strategies[0].params.sample_size", "expected an integer >= 1 (samples)", "found -2"),
                file("gem memory of no samples per task", GOOD.replace("name: ewc\n    params: {lambda: 10}",
                        "name: gem\n    params: {patterns_per_task: 0}"),
                        "bad.yaml:19:14: strategies[1].params.patterns_per_task",
                        "expected an integer >= 1 (samples per task)", "found 0"),
                set("gem negative memory strength", "strategies[0]={name: gem, params: {memory_strength: -0.5}}",
                        "strategies[0].params.memory_strength", "expected a finite number >= 0", "found -0.5"),
                file("der memory of no samples", GOOD.replace("name: ewc\n    params: {lambda: 10}",
                        "name: der\n    params: {memory_size: 0}"), "bad.yaml:19:14: strategies[1].params.memory_size",
                        "expected an integer >= 1 (samples)", "found 0"),
                set("der negative alpha", "strategies[0]={name: der, params: {alpha: -0.5}}",
                        "strategies[0].params.alpha", "expected a finite number >= 0", "found -0.5"),
                set("der infinite beta", "strategies[0]={name: der, params: {beta: 1e999}}",
                        "strategies[0].params.beta", "expected a finite number >= 0", "found 1e999 (read as Infinity)"),
                set("der replay minibatch of no samples", "strategies[0]={name: der, params: {replay_batch_size: 0}}",
                        "strategies[0].params.replay_batch_size", "expected an integer >= 1 (samples)", "found 0"),
                file("er_ace memory of no samples", GOOD.replace("name: ewc\n    params: {lambda: 10}",
                        "name: er_ace\n    params: {memory_size: 0}"),
                        "bad.yaml:19:14: strategies[1].params.memory_size", "expected an integer >= 1 (samples)",
                        "found 0"),
                set("er_ace replay batch of no samples",
                        "strategies[0]={name: er_ace, params: {replay_batch_size: -1}}",
                        "strategies[0].params.replay_batch_size", "expected an integer >= 1 (samples)", "found -1"),
                set("er_ace unknown buffer", "strategies[0]={name: er_ace, params: {buffer: balanced}}",
                        "strategies[0].params.buffer", "expected one of reservoir, class_balanced", "found balanced"),
                file("misspelt strategy parameter", GOOD.replace("lambda: 10", "lamda: 10"),
                        "bad.yaml:19:14: strategies[1].params.lamda", "did you mean 'lambda'?"),
                // A head of one class is always right: the run reported 100% for every cell.
                file("tasks of one class in task-incremental learning", GOOD.replace("classes_per_task: 2",
                        "classes_per_task: 1"), "bad.yaml:8:3: tasks.classes_per_task", "at least 2 classes per task"
                                + " in task_incremental learning", "found 1"),
                file("synthetic tasks of one class in task-incremental learning", GOOD
                        .replace("data: {bundled: true}", "data: {dataset: synthetic}")
                        .replace("sequence: split", "sequence: synthetic").replace("classes_per_task: 2",
                                "classes_per_task: 1"), "bad.yaml:8:3: tasks.classes_per_task",
                        "at least 2 classes per task in task_incremental learning", "found 1"),
                file("a group of one class in task-incremental learning", GOOD.replace("classes_per_task: 2",
                        "groups: [[0, 1], [5]]"), "tasks.groups[1]", "at least 2 classes per task", "found [5]"),
                // "expected distinct classes, found [1, 2]" blamed a list whose own classes were distinct.
                file("a class in two groups", GOOD.replace("classes_per_task: 2", "groups: [[0, 1], [1, 2]]"),
                        "tasks.groups[1]: expected classes that no other group has (each class belongs to one task),"
                                + " found [1, 2], whose class 1 is in tasks.groups[0] too"),
                file("a class twice in one group", GOOD.replace("classes_per_task: 2", "groups: [[0, 1], [2, 2]]"),
                        "tasks.groups[1]", "found [2, 2], with class 2 twice"),
                file("too many classes for the split", GOOD.replace("count: 2", "count: 6"),
                        "bad.yaml:7:3: tasks.count", "count x classes_per_task <= 10 classes", "found 6 x 2"),
                file("two problems across sections, reported together", GOOD.replace("count: 2", "count: 6")
                        .replace("data: {bundled: true}", "data: {dataset: synthetic}"), "2 problems:",
                        "bad.yaml:5:3: tasks.sequence: expected synthetic (data.dataset is synthetic), found split",
                        "bad.yaml:7:3: tasks.count"),
                file("several bad values within sections, reported together", GOOD.replace("network: {hidden: [8]}",
                        "network: {hidden: [8], tau_ms: -1, threshold: 0}").replace("  epochs: 1", "  epochs: 0")
                        .replace("learning_rate: 0.001", "learning_rate: -1"), "4 problems:",
                        "\n  bad.yaml:11:24: network.tau_ms: expected a finite number > 0 (ms), found -1",
                        "\n  bad.yaml:11:36: network.threshold: expected a finite number > 0 (dimensionless),"
                                + " found 0",
                        "\n  bad.yaml:14:3: training.epochs: expected an integer >= 1, found 0",
                        "\n  bad.yaml:15:3: training.learning_rate: expected a finite number > 0 (dimensionless),"
                                + " found -1"),
                file("unknown keys and bad values of different sections, reported together", GOOD
                        .replace("  count: 2", "  cont: 2").replace("encoder: {steps: 4}", "encoder: {steps: 0}")
                        .replace("  - name: naive", "  - name: naive\n    lable: n"), "3 problems:",
                        "\n  bad.yaml:7:3: tasks.cont: expected one of the keys", "did you mean 'count'?",
                        "\n  bad.yaml:18:5: strategies[0].lable: expected one of the keys",
                        "\n  bad.yaml:12:11: encoder.steps: expected an integer >= 1, found 0"),
                file("wrong types within a section and a key unknown in another, reported together", GOOD
                        .replace("  epochs: 1", "  epochs: one").replace("learning_rate: 0.001", "learning_rate: fast")
                        .replace("network: {hidden: [8]}", "network: {hiden: [8]}"), "3 problems:",
                        "\n  bad.yaml:11:11: network.hiden: expected one of the keys", "did you mean 'hidden'?",
                        "\n  bad.yaml:14:3: training.epochs: expected a value of type integer, found the text \"one\"",
                        "\n  bad.yaml:15:3: training.learning_rate: expected a value of type number, found the text"
                                + " \"fast\""),
                file("two strategies with one label", GOOD.replace("name: ewc", "name: naive"),
                        "bad.yaml:18:5: strategies[1].name", "a label (else name) no other strategy has",
                        "found naive (strategies[0] has naive)"),
                file("no strategies", GOOD.substring(0, GOOD.indexOf("strategies:")),
                        "bad.yaml: strategies: expected a value (the strategies compared", "found no such key"),
                file("no seeds", GOOD.replace("seeds: [1]", "seeds: []"),
                        "bad.yaml:2:1: seeds", "a list of one or more seeds"),
                file("YAML syntax", GOOD.replace("network: {hidden: [8]}", "network: {hidden: [8}"),
                        "bad.yaml:11:", "expected valid YAML"),
                file("empty file", "", "bad.yaml", "expected a YAML mapping, found an empty file"),
                // Both used to say "expected valid YAML" (they are) without the key.
                file("a key twice", GOOD.replace("  count: 2", "  count: 2\n  count: 3"),
                        "bad.yaml:8:", "tasks.count: expected each key once in a mapping"),
                file("NaN", GOOD.replace("learning_rate: 0.001", "learning_rate: .nan"), "bad.yaml:15:",
                        "training.learning_rate: expected a value of type number",
                        "found the text \".nan\"; YAML's .nan and .inf"
                                + " are not accepted"),
                file("empty data path", GOOD.replace("data: {bundled: true}", "data: {path: ''}"),
                        "bad.yaml:3:", "data.path: expected a folder path, or no key to search", "found an empty text"),
                file("missing data folder", GOOD.replace("data: {bundled: true}", "data: {path: /no/such/folder}"),
                        "/no/such/folder: data.path", "no such folder",
                        "apt-get install dataset-fashion-mnist", "or change data.path"),
                set("a layer past one array's weights", "network.hidden=[3000000]",
                        "--set network.hidden=[3000000]: network.hidden: expected at most 2147483639 weights in one "
                                + "matrix (one array), i.e. at most 2739137 units after 784, found 784 x 3000000"),
                // Within one array but past any test machine's heap (17 GB of weights): it had been found
                // when the first unit built its network, after the run folder was made.
                set("layers past the heap", "network.hidden=[2700000]",
                        "--set network.hidden=[2700000]: network.hidden: expected synapses that fit the Java heap",
                        "784 x 2700000", "smaller hidden layers, or " + HeapAdvice.MORE_HEAP),
                // The params in the file suit ewc; the --set made the strategy another, which had been
                // blamed on the params' line alone.
                set("params of another strategy than a --set name", "strategies[1].name=joint",
                        "--set strategies[1].name=joint: strategies[1].params.lambda: expected no hyperparameters "
                                + "(joint takes none), found 'lambda'"),
                // A chain takes a mapping per member: a member's hyperparameter given directly is placed
                // for the user, and, when a --set made the chain, blamed on that --set, not the file's params.
                file("a chain given a member's hyperparameter directly", GOOD.replace("name: ewc", "name: replay+ewc"),
                        "bad.yaml:19:14: strategies[1].params.lambda: expected one mapping per chain member [replay,"
                                + " ewc], found unknown member 'lambda'; 'lambda' is a hyperparameter of ewc: write it"
                                + " inside params: {ewc: {lambda: ...}}"),
                file("a chain given a misspelt member", GOOD.replace("name: ewc", "name: replay+ewc")
                        .replace("{lambda: 10}", "{ewk: {lambda: 10}}"), "strategies[1].params.ewk: expected one"
                        + " mapping per chain member [replay, ewc], found unknown member 'ewk'", "did you mean 'ewc'?"),
                file("a chain whose members share the hyperparameter given directly",
                        GOOD.replace("name: ewc", "name: ewc+mas"), "strategies[1].params.lambda: expected one mapping"
                        + " per chain member [ewc, mas], found unknown member 'lambda'; 'lambda' is a hyperparameter of"
                        + " ewc and mas: write it inside params: {ewc: {lambda: ...}, mas: {lambda: ...}}"),
                set("a --set that makes a chain of a strategy with params", "strategies[1].name=replay+ewc",
                        "--set strategies[1].name=replay+ewc: strategies[1].params.lambda: expected one mapping per"
                                + " chain member [replay, ewc]", "write it inside params: {ewc: {lambda: ...}}"),
                // The clash of names the --set made had been blamed on the file's line of the strategy.
                set("a --set name that another strategy has", "strategies[1].name=naive",
                        "--set strategies[1].name=naive: strategies[1].name: expected a label (else name) no other"
                                + " strategy has", "found naive (strategies[0] has naive)"),
                set("more steps than one array's spike slots", "encoder.steps=2147483647",
                        "--set encoder.steps=2147483647: encoder.steps: expected at most 2739137 steps for 784 inputs"),
                set("--set with a wrong type", "training.epochs=abc",
                        "--set training.epochs=abc: training.epochs: expected a value of type integer", "abc"),
                set("--set with a misspelt key", "training.epoch=2",
                        "--set training.epoch=2: training.epoch", "did you mean 'epochs'?"),
                set("--set out of range", "strategies[1].params.lambda=-1",
                        "--set strategies[1].params.lambda=-1: strategies[1].params.lambda", "found -1"),
                set("--set 0 for a boolean", "data.bundled=0",
                        "--set data.bundled=0: data.bundled: expected a value of type boolean", "found 0"),
                set("--set 5 for a boolean", "training.detach_reset=5",
                        "--set training.detach_reset=5: training.detach_reset: expected a value of type boolean",
                        "found 5"),
                set("--set of a key the coding ignores", "encoder.cutoff=0.5",
                        "--set encoder.cutoff=0.5: encoder.cutoff: expected no value here (only latency coding"),
                set("--set without a value", "training.epochs=", "--set training.epochs=", "a value after '='"),
                // a thread per unit of a typo ran out of memory, reported as the heap being too small
                set("--set threads beyond the engine's limit", "threads=5000",
                        "--set threads=5000: threads: expected an integer in [1, 1024]", "found 5000"),
                set("--set past the end of a list", "strategies[5].name=si", "strategies[5]",
                        "the list has 2 entries"),
                set("--set past the end of a list of one", "seeds[3]=4", "seeds[3]", "the list has 1 entry;"),
                // The file has network.hidden[0] and tasks.count too, but the override replaced them.
                set("--set of a list the file has", "network.hidden=[0]",
                        "--set network.hidden=[0]: network.hidden[0]: expected a layer size >= 1, found 0"),
                set("--set of a section the file has", "tasks={count: 0}",
                        "--set tasks={count: 0}: tasks.count: expected an integer >= 1, found 0"),
                Arguments.of("the last of two --set writing a key is named", GOOD,
                        List.of("--set", "training.epochs=0", "--set", "training={epochs: -1}"),
                        List.of("--set training={epochs: -1}: training.epochs: expected an integer >= 1, found -1")),
                // two hidden layers delay the readout's first input to step 2: 2 steps would train nothing
                file("no more steps than hidden layers", GOOD.replace("hidden: [8]", "hidden: [8, 8]")
                        .replace("steps: 4", "steps: 2"), "bad.yaml:12:", "encoder.steps: expected more than the 2"
                        + " hidden layers", "found 2"),
                // 784 pixels x 1e8 steps of spike slots would overflow one array (it ended in an ArithmeticException)
                file("more steps than one array holds", GOOD.replace("steps: 4", "steps: 100000000"),
                        "bad.yaml:12:11: encoder.steps: expected at most 2739137 steps for 784 inputs",
                        "found 100000000"),
                Arguments.of("missing file", null, List.of(), List.of("no-such.yaml", "no such file")));
    }

    private static Arguments file(String name, String text, String... expected) {
        return Arguments.of(name, text, List.of(), List.of(expected));
    }

    private static Arguments set(String name, String override, String... expected) {
        return Arguments.of(name, GOOD, List.of("--set", override), List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void failsWithALocatedMessageAndNoRunFolder(String name, String text, List<String> extra, List<String> expected,
            @TempDir Path dir) throws IOException {
        Path config = dir.resolve(text == null ? "no-such.yaml" : "bad.yaml");
        if (text != null) {
            Files.writeString(config, text);
        }
        Path results = dir.resolve("results");
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", results.toString()));
        args.addAll(extra);
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(2, r.exitCode(), name + ": " + r.err());
        // A file is named by its path as given; the parts below are written relative to its folder.
        String err = r.err().replace(dir + java.io.File.separator, "");
        for (String part : expected) {
            assertTrue(err.contains(part), name + ": '" + part + "' missing from: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), name + ": a user error prints no stack trace: " + r.err());
        for (String internal : PARSER_INTERNALS) {
            assertFalse(r.err().contains(internal), name + ": the parser's internals leak: " + r.err());
        }
        assertFalse(Files.exists(results), name + ": no run folder may be created");
    }
}
