package org.engram.experiments.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.engram.experiments.config.ExperimentConfig.DatasetKind;
import org.engram.experiments.config.ExperimentConfig.EncoderKind;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.ScheduleKind;
import org.engram.experiments.config.ExperimentConfig.SequenceKind;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.data.FashionMnist;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.Naive;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.Support;
import org.engram.learning.layered.NeuronKind;
import org.engram.learning.layered.Readout;
import org.engram.learning.train.optim.OptimizerSpec;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.ParameterException;
import org.engram.simulator.Plural;
import org.engram.simulator.engine.TimeGrid;

/**
 * Checks that need more than one key: no key set where the rest of the config leaves it unread,
 * the task split against the data set, the scenario against the split, every strategy against the
 * scenario, and the scenario, data and strategies against the learner, so a run never fails after
 * it has started. All problems are reported together.
 */
final class CrossChecks {
    /** The strategies of learner.kind diehl_cook: plain STDP, and STDP gated by importance. */
    static final List<String> DIEHL_COOK_STRATEGIES = List.of(Naive.NAME, ImportanceGating.NAME);

    private CrossChecks() {
    }

    /**
     * Runs every check and reports all problems at once.
     *
     * @param c     the config, each value valid on its own
     * @param where locates key paths for messages
     * @throws ConfigException naming every problem found (one per line when there are several)
     */
    static void check(ExperimentConfig c, StrategyParams.Locator where) {
        List<ConfigException> problems = new ArrayList<>(ignoredKeys(c, where));
        List<Runnable> checks = List.of(() -> checkTasks(c, where),
                () -> checkSplit(c.tasks(), c.data().classes(), where), () -> checkLearnerTasks(c, where),
                () -> checkSteps(c, where));
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        for (int i = 0; i < c.strategies().size(); i++) {
            try {
                checkLearnerStrategy(c, i, where);
                checkStrategy(c, i, where);
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.all(problems);
        }
    }

    /**
     * A key some configs never read: set to anything but its default while {@code ignoredWhen}
     * holds, it would be dropped silently, so it is refused. A section stands for every key under
     * it but those in {@code except}.
     *
     * @param key         a key or section, e.g. {@code encoder.cutoff} or {@code tasks.synthetic}
     * @param because     the keys whose values make it ignored (an override of one made the problem)
     * @param ignoredWhen when no part of the run reads it
     * @param why         what would read it, for the message
     * @param except      keys under a section that are read all the same
     */
    private record Ignored(String key, List<String> because, Predicate<ExperimentConfig> ignoredWhen, String why,
                           List<String> except) {
        Ignored(String key, String because, Predicate<ExperimentConfig> ignoredWhen, String why, String... except) {
            this(key, List.of(because.split(" ")), ignoredWhen, why, List.of(except));
        }
    }

    /**
     * Every key that only some data sets, sequences, networks, codings, schedules, optimisers or
     * learners read (run.Experiment and run.UnitLearners read them); each key is reported by its first rule
     * that applies, so the learner's rules come first.
     */
    private static final List<Ignored> IGNORED = List.of(
            new Ignored("network", "learner.kind", CrossChecks::diehlCook,
                    "learner.kind diehl_cook brings its own network; learner.kind bptt reads network.*"),
            new Ignored("encoder", "learner.kind", CrossChecks::diehlCook,
                    "learner.kind diehl_cook turns pixels into rates itself; learner.kind bptt reads encoder.*"),
            new Ignored("training", "learner.kind", CrossChecks::diehlCook,
                    "learner.kind diehl_cook reads training.epochs only; learner.kind bptt reads the rest",
                    "training.epochs", "training.evaluate_every_epoch"),
            new Ignored("learner", "learner.kind", c -> !diehlCook(c), "only learner.kind diehl_cook reads it",
                    "learner.kind"),
            new Ignored("energy.pj_per_multiply_accumulate", "learner.kind encoder.kind",
                    c -> diehlCook(c) || c.encoder().kind() != EncoderKind.DIRECT_CURRENT,
                    "only direct_current coding does multiply-accumulates; spikes cost accumulates"),
            new Ignored("data.path", "data.bundled", c -> c.data().bundled(),
                    "data.bundled: true uses the subset bundled in the jar"),
            new Ignored("data.path", "data.dataset", CrossChecks::syntheticData,
                    "data.dataset: synthetic generates its patterns"),
            new Ignored("data.bundled", "data.dataset", CrossChecks::syntheticData,
                    "data.dataset: synthetic generates its patterns"),
            new Ignored("data.classes", "data.dataset", CrossChecks::syntheticData,
                    "data.dataset: synthetic generates its patterns, of tasks.classes_per_task classes per task"),
            new Ignored("tasks.classes_per_task", "tasks.sequence",
                    c -> c.tasks().sequence() == SequenceKind.PERMUTED || c.tasks().sequence() == SequenceKind.ROTATED,
                    "permuted and rotated tasks show every class; split and synthetic sequences read it"),
            new Ignored("tasks.classes_per_task", "tasks.groups", c -> c.tasks().groups() != null,
                    "tasks.groups gives the classes of each task"),
            new Ignored("tasks.groups", "tasks.sequence", c -> c.tasks().sequence() != SequenceKind.SPLIT,
                    "only a split sequence has class groups"),
            new Ignored("tasks.first_unpermuted", "tasks.sequence", c -> c.tasks().sequence() != SequenceKind.PERMUTED,
                    "only a permuted sequence has permutations"),
            new Ignored("tasks.angles_deg", "tasks.sequence", c -> c.tasks().sequence() != SequenceKind.ROTATED,
                    "only a rotated sequence has angles"),
            new Ignored("tasks.synthetic", "tasks.sequence", c -> c.tasks().sequence() != SequenceKind.SYNTHETIC,
                    "only a synthetic sequence generates patterns"),
            new Ignored("network.tau_adapt_ms", "network.neuron",
                    c -> c.network().neuron() != NeuronKind.ADAPTIVE_LIF,
                    "only network.neuron adaptive_lif adapts its threshold"),
            new Ignored("network.adaptation", "network.neuron", c -> c.network().neuron() != NeuronKind.ADAPTIVE_LIF,
                    "only network.neuron adaptive_lif adapts its threshold"),
            new Ignored("network.trace_tau_ms", "network.readout", c -> c.network().readout() != Readout.EXP_RATE,
                    "only network.readout exp_rate keeps a trace"),
            new Ignored("encoder.gain", "encoder.kind", c -> c.encoder().kind() == EncoderKind.LATENCY,
                    "latency coding has no gain; rate and direct_current coding read it"),
            new Ignored("encoder.cutoff", "encoder.kind", c -> c.encoder().kind() != EncoderKind.LATENCY,
                    "only latency coding has a cutoff"),
            new Ignored("training.min_learning_rate", "training.schedule",
                    c -> c.training().schedule() != ScheduleKind.COSINE,
                    "only training.schedule cosine decays to a final rate"),
            new Ignored("training.momentum", "training.optimizer",
                    c -> c.training().optimizer() != OptimizerSpec.Kind.SGD,
                    "only training.optimizer sgd has momentum"));

    /** Every key at its documented default, as a resolved config writes it (10 as 10.0 where a number is meant). */
    private static final JsonNode DEFAULTS = defaults();

    private static JsonNode defaults() {
        ObjectNode tree = ConfigLoader.mapper().createObjectNode();
        tree.putArray("strategies").addObject().put("name", Naive.NAME);
        ConfigLayers.fillDefaults(tree, ExperimentConfig.class);
        try {
            return ConfigLoader.mapper().valueToTree(ConfigLoader.mapper().treeToValue(tree, ExperimentConfig.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the documented defaults do not make a config", e);
        }
    }

    private static boolean diehlCook(ExperimentConfig c) {
        return c.learner().kind() == LearnerKind.DIEHL_COOK;
    }

    private static boolean syntheticData(ExperimentConfig c) {
        return c.data().dataset() == DatasetKind.SYNTHETIC;
    }

    /** A key the chosen data, sequence or learner would ignore is a mistake to point out, not to drop silently. */
    private static List<ConfigException> ignoredKeys(ExperimentConfig c, StrategyParams.Locator where) {
        JsonNode given = ConfigLoader.mapper().valueToTree(c);
        Set<String> reported = new HashSet<>();
        List<ConfigException> problems = new ArrayList<>();
        for (Ignored rule : IGNORED) {
            if (!rule.ignoredWhen().test(c)) {
                continue;
            }
            for (String key : changedKeys(rule.key(), given)) {
                if (!rule.except().contains(key) && reported.add(key)) {
                    problems.add(new ConfigException(where.locateConflict(key, rule.because().toArray(String[]::new)),
                            key, "no value here (" + rule.why() + ")",
                            ConfigDocs.flow(given.at(pointer(key))), "remove the key"));
                }
            }
        }
        return problems;
    }

    /** The keys at or under {@code key} whose value differs from the default. */
    private static List<String> changedKeys(String key, JsonNode given) {
        JsonNode standard = DEFAULTS.at(pointer(key));
        if (!standard.isObject()) {
            return standard.equals(given.at(pointer(key))) ? List.of() : List.of(key);
        }
        List<String> changed = new ArrayList<>();
        standard.fieldNames().forEachRemaining(k -> changed.addAll(changedKeys(key + "." + k, given)));
        return changed;
    }

    private static JsonPointer pointer(String key) {
        return JsonPointer.compile("/" + key.replace('.', '/'));
    }

    private static void checkTasks(ExperimentConfig c, StrategyParams.Locator where) {
        TasksSpec t = c.tasks();
        boolean synthetic = t.sequence() == SequenceKind.SYNTHETIC;
        if (synthetic != (c.data().dataset() == DatasetKind.SYNTHETIC)) {
            throw new ConfigException(where.locateConflict("tasks.sequence", "data.dataset"), "tasks.sequence",
                    synthetic ? "a sequence of images (data.dataset is fashion_mnist)"
                            : "synthetic (data.dataset is synthetic)",
                    t.sequence().name().toLowerCase(java.util.Locale.ROOT),
                    synthetic ? "set data.dataset: synthetic" : "set tasks.sequence: synthetic");
        }
        if (synthetic && t.scenario() != Scenario.CLASS_INCREMENTAL && t.classesPerTask() < 2) {
            // Reported as metrics, a task of one class gave ACC 100 and no forgetting whatever was learned.
            throw new ConfigException(where.locateConflict("tasks.classes_per_task", "tasks.scenario"),
                    "tasks.classes_per_task", twoClasses(t.scenario()), Integer.toString(t.classesPerTask()), null);
        }
        if (t.sequence() == SequenceKind.ROTATED && t.anglesDeg() != null && t.anglesDeg().size() != t.count()) {
            throw new ConfigException(where.locateConflict("tasks.angles_deg", "tasks.count"), "tasks.angles_deg",
                    "one angle per task (" + t.count() + ")", t.anglesDeg().size() + " angles", null);
        }
    }

    /** Each layer delays by one step: with no more steps than hidden layers the readout hears nothing. */
    private static void checkSteps(ExperimentConfig c, StrategyParams.Locator where) {
        int hidden = c.network().hidden().size();
        if (c.learner().kind() == LearnerKind.BPTT && c.encoder().steps() <= hidden) {
            throw new ConfigException(where.locateConflict("encoder.steps", "network.hidden"), "encoder.steps",
                    "more than the " + Plural.count(hidden, "hidden layer") + " of network.hidden (each layer"
                    + " delays by one step, so the readout first receives input at step " + hidden + ")",
                    Integer.toString(c.encoder().steps()), null);
        }
    }

    /** The Diehl and Cook network has no readout to train: it votes with all classes seen (class-incremental). */
    private static void checkLearnerTasks(ExperimentConfig c, StrategyParams.Locator where) {
        if (c.learner().kind() != LearnerKind.DIEHL_COOK) {
            return;
        }
        if (c.tasks().scenario() != Scenario.CLASS_INCREMENTAL) {
            throw new ConfigException(where.locateConflict("tasks.scenario", "learner.kind"), "tasks.scenario",
                    "class_incremental (learner.kind diehl_cook has no readout: its labelled neurons vote among"
                            + " all classes seen)", lower(c.tasks().scenario()), null);
        }
        if (c.data().dataset() != DatasetKind.FASHION_MNIST) {
            throw new ConfigException(where.locateConflict("data.dataset", "learner.kind"), "data.dataset",
                    "fashion_mnist (learner.kind diehl_cook turns pixel intensities in [0, 1] into input rates)",
                    lower(c.data().dataset()), null);
        }
        // Presentation and rest are simulated on the Diehl and Cook network's grid.
        TimeGrid grid = new TimeGrid(DiehlCookParams.defaults(c.learner().neurons()).dtMs());
        requireWholeSteps(grid, "learner.present_ms", c.learner().presentMs(), true, where);
        requireWholeSteps(grid, "learner.rest_ms", c.learner().restMs(), false, where);
        if (c.training().evaluateEveryEpoch()) {
            throw new ConfigException(where.locateConflict("training.evaluate_every_epoch", "learner.kind"),
                    "training.evaluate_every_epoch",
                    "false (learner.kind diehl_cook is evaluated after each task, when its weights are kept)", "true",
                    null);
        }
    }

    private static void requireWholeSteps(TimeGrid grid, String key, double ms, boolean atLeastOne,
                                          StrategyParams.Locator where) {
        try {
            if (atLeastOne) {
                // A presentation that rounds to no step showed the network nothing: every accuracy 0.
                grid.positiveSteps("learner", key, ms);
            } else {
                grid.wholeSteps("learner", key, ms);
            }
        } catch (ParameterException e) {
            throw ConfigException.placed(e, where.locate(key), key, null);
        }
    }

    /** The Diehl and Cook network learns by STDP, so only strategies that act on a plasticity rule fit. */
    private static void checkLearnerStrategy(ExperimentConfig c, int i, StrategyParams.Locator where) {
        String name = c.strategies().get(i).name();
        if (c.learner().kind() == LearnerKind.DIEHL_COOK && !DIEHL_COOK_STRATEGIES.contains(name)) {
            String key = "strategies[" + i + "].name";
            throw new ConfigException(where.locateConflict(key, "learner.kind"), key,
                    "a strategy learner.kind diehl_cook supports: "
                    + String.join(" or ", DIEHL_COOK_STRATEGIES), "'" + name + "'",
                    "diehl_cook learns by STDP without gradients or a readout; other strategies need learner.kind:"
                            + " bptt");
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkStrategy(ExperimentConfig c, int i, StrategyParams.Locator where) {
        ContinualStrategy s = StrategyParams.create(c.strategies().get(i), "strategies[" + i + "]", where);
        Support support = s.supports(c.tasks().scenario());
        if (!support.supported()) {
            throw new ConfigException(where.locateConflict("strategies[" + i + "].name", "tasks.scenario"),
                    "strategies[" + i + "].name",
                    "a strategy that supports " + c.tasks().scenario().name().toLowerCase(java.util.Locale.ROOT),
                    "'" + s.name() + "'", support.reason());
        }
        // Found only when the strategy's first task began, after the units before it had trained.
        int matrices = c.network().weightMatrices();
        Support fit = c.learner().kind() == LearnerKind.BPTT ? s.fits(matrices) : Support.YES;
        if (!fit.supported()) {
            String key = "strategies[" + i + "].params";
            throw new ConfigException(where.locateConflict(key, "network.hidden", "network.recurrent"), key,
                    "hyperparameters that fit the " + matrices + " weight"
                    + " matrices of network.hidden " + c.network().hidden() + (c.network().recurrent()
                    ? " with network.recurrent" : ""), s.name() + " " + fit.reason(), null);
        }
    }

    private static void checkSplit(TasksSpec t, int classes, StrategyParams.Locator where) {
        if (t.sequence() != SequenceKind.SPLIT) {
            return;
        }
        boolean domain = t.scenario() == Scenario.DOMAIN_INCREMENTAL;
        // A task's own head (task-incremental) or the shared head of its classes (domain-incremental)
        // of one class is always right: only class-incremental learning can use tasks of one class.
        String twoClasses = twoClasses(t.scenario());
        if (t.groups() == null) {
            if ((long) t.count() * t.classesPerTask() > classes) {   // long: 2 x 2147483647 wrapped to -2
                throw new ConfigException(where.locateConflict("tasks.count", "tasks.classes_per_task"), "tasks.count",
                        "count x classes_per_task <= " + classes + " classes", t.count() + " x " + t.classesPerTask(),
                        null);
            }
            if (t.scenario() != Scenario.CLASS_INCREMENTAL && t.classesPerTask() < 2) {
                throw new ConfigException(where.locateConflict("tasks.classes_per_task", "tasks.scenario"),
                        "tasks.classes_per_task", twoClasses, Integer.toString(t.classesPerTask()), null);
            }
            return;
        }
        List<List<Integer>> groups = t.groups();
        if (groups.size() != t.count()) {
            throw new ConfigException(where.locateConflict("tasks.groups", "tasks.count"), "tasks.groups",
                    "one group per task (count = " + t.count() + ")", Plural.count(groups.size(), "group"), null);
        }
        Map<Integer, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            String key = "tasks.groups[" + g + "]";
            if (groups.get(g).isEmpty() || (domain && groups.get(g).size() != groups.get(0).size())) {
                throw new ConfigException(where.locate(key), key, domain
                        ? "groups of equal size (domain-incremental tasks share one head)" : "at least one class",
                        groups.get(g).toString(), null);
            }
            for (Integer c : groups.get(g)) {
                if (c == null || c < 0 || c >= classes) {
                    throw new ConfigException(where.locate(key), key, "classes in [0, " + classes + ")",
                            groups.get(g).toString(), c != null && c >= classes ? "data of more classes says how many"
                            + " with data.classes (" + classes + " now)" : null);
                }
                Integer earlier = groupOf.putIfAbsent(c, g);
                if (earlier != null) {
                    // Say where else it is: "distinct" alone read as a fault of this group's own list.
                    throw new ConfigException(where.locate(key), key, "classes that no other group has (each class"
                            + " belongs to one task)", groups.get(g) + (earlier == g ? ", with class " + c + " twice"
                            : ", whose class " + c + " is in tasks.groups[" + earlier + "] too"), null);
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            if (t.scenario() != Scenario.CLASS_INCREMENTAL && groups.get(g).size() < 2) {
                String key = "tasks.groups[" + g + "]";
                throw new ConfigException(where.locate(key), key, twoClasses, groups.get(g).toString(), null);
            }
        }
    }

    /** The rule that task- and domain-incremental tasks need two classes: one class is always answered right. */
    private static String twoClasses(Scenario scenario) {
        return "at least 2 classes per task in " + lower(scenario) + " learning (a task of one class is always "
                + "answered right)";
    }
}
