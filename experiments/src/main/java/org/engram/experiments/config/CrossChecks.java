package org.engram.experiments.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.engram.experiments.config.ExperimentConfig.DatasetKind;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.SequenceKind;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.data.FashionMnist;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.ImportanceGating;
import org.engram.learning.continual.Naive;
import org.engram.learning.continual.Scenario;
import org.engram.learning.continual.Support;
import org.engram.learning.unsupervised.DiehlCookParams;
import org.engram.simulator.ParameterException;
import org.engram.simulator.engine.TimeGrid;

/**
 * Checks that need more than one key: the task split against the data set, the scenario against
 * the split, every strategy against the scenario, and the scenario, data and strategies against the
 * learner, so a run never fails after it has started. All problems are reported together.
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
        List<ConfigException> problems = new ArrayList<>();
        List<Runnable> checks = List.of(() -> checkIgnoredKeys(c, where), () -> checkTasks(c, where), () -> checkSplit(c.tasks(),
                c.tasks().scenario() == Scenario.DOMAIN_INCREMENTAL, where), () -> checkLearnerTasks(c, where));
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
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(problems.size() + " problems:");
            for (ConfigException e : problems) {
                sb.append("\n  ").append(e.getMessage());
            }
            throw new ConfigException(sb.toString(), null);
        }
    }

    /** A key the chosen data or sequence would ignore is a mistake to point out, not to drop silently. */
    private static void checkIgnoredKeys(ExperimentConfig c, StrategyParams.Locator where) {
        String path = c.data().path();
        if (path != null && c.data().bundled()) {
            throw ignored(where, "data.path", path, "data.bundled: true uses the subset bundled in the jar");
        }
        if (path != null && c.data().dataset() == DatasetKind.SYNTHETIC) {
            throw ignored(where, "data.path", path, "data.dataset: synthetic generates its patterns");
        }
        TasksSpec t = c.tasks();
        if (t.groups() != null && t.sequence() != SequenceKind.SPLIT) {
            throw ignored(where, "tasks.groups", t.groups().toString(), "only a split sequence has class groups");
        }
        if (t.anglesDeg() != null && t.sequence() != SequenceKind.ROTATED) {
            throw ignored(where, "tasks.angles_deg", t.anglesDeg().toString(), "only a rotated sequence has angles");
        }
        if (t.firstUnpermuted() && t.sequence() != SequenceKind.PERMUTED) {
            throw ignored(where, "tasks.first_unpermuted", "true", "only a permuted sequence has permutations");
        }
    }

    private static ConfigException ignored(StrategyParams.Locator where, String key, String value, String why) {
        return new ConfigException(where.locate(key), key, "no value here (" + why + ")", value,
                "remove the key");
    }

    private static void checkTasks(ExperimentConfig c, StrategyParams.Locator where) {
        TasksSpec t = c.tasks();
        boolean synthetic = t.sequence() == SequenceKind.SYNTHETIC;
        if (synthetic != (c.data().dataset() == DatasetKind.SYNTHETIC)) {
            throw new ConfigException(where.locate("tasks.sequence"), "tasks.sequence",
                    synthetic ? "a sequence of images (data.dataset is fashion_mnist)"
                            : "synthetic (data.dataset is synthetic)", t.sequence().name().toLowerCase(java.util.Locale.ROOT),
                    synthetic ? "set data.dataset: synthetic" : "set tasks.sequence: synthetic");
        }
        boolean domain = t.scenario() == Scenario.DOMAIN_INCREMENTAL;
        if (synthetic && domain && t.classesPerTask() < 2) {
            throw new ConfigException(where.locate("tasks.classes_per_task"), "tasks.classes_per_task",
                    "at least 2 classes per task in domain-incremental learning (the shared head has one unit per"
                            + " position)", Integer.toString(t.classesPerTask()), null);
        }
        if (t.sequence() == SequenceKind.ROTATED && t.anglesDeg() != null && t.anglesDeg().size() != t.count()) {
            throw new ConfigException(where.locate("tasks.angles_deg"), "tasks.angles_deg",
                    "one angle per task (" + t.count() + ")", t.anglesDeg().size() + " angles", null);
        }
    }

    /** The Diehl and Cook network has no readout to train: it votes with all classes seen (class-incremental). */
    private static void checkLearnerTasks(ExperimentConfig c, StrategyParams.Locator where) {
        if (c.learner().kind() != LearnerKind.DIEHL_COOK) {
            return;
        }
        if (c.tasks().scenario() != Scenario.CLASS_INCREMENTAL) {
            throw new ConfigException(where.locate("tasks.scenario"), "tasks.scenario",
                    "class_incremental (learner.kind diehl_cook has no readout: its labelled neurons vote among"
                            + " all classes seen)", lower(c.tasks().scenario()), null);
        }
        if (c.data().dataset() != DatasetKind.FASHION_MNIST) {
            throw new ConfigException(where.locate("data.dataset"), "data.dataset",
                    "fashion_mnist (learner.kind diehl_cook turns pixel intensities in [0, 1] into input rates)",
                    lower(c.data().dataset()), null);
        }
        // Presentation and rest are simulated on the Diehl and Cook network's grid.
        TimeGrid grid = new TimeGrid(DiehlCookParams.defaults(c.learner().neurons()).dtMs());
        requireWholeSteps(grid, "learner.present_ms", c.learner().presentMs(), where);
        requireWholeSteps(grid, "learner.rest_ms", c.learner().restMs(), where);
        if (c.training().evaluateEveryEpoch()) {
            throw new ConfigException(where.locate("training.evaluate_every_epoch"), "training.evaluate_every_epoch",
                    "false (learner.kind diehl_cook is evaluated after each task, when its weights are kept)", "true",
                    null);
        }
    }

    private static void requireWholeSteps(TimeGrid grid, String key, double ms, StrategyParams.Locator where) {
        try {
            grid.wholeSteps("learner", key, ms);
        } catch (ParameterException e) {
            throw new ConfigException(where.locate(key), key, e.expected(), e.found(), null);
        }
    }

    /** The Diehl and Cook network learns by STDP, so only strategies that act on a plasticity rule fit. */
    private static void checkLearnerStrategy(ExperimentConfig c, int i, StrategyParams.Locator where) {
        String name = c.strategies().get(i).name();
        if (c.learner().kind() == LearnerKind.DIEHL_COOK && !DIEHL_COOK_STRATEGIES.contains(name)) {
            String key = "strategies[" + i + "].name";
            throw new ConfigException(where.locate(key), key, "a strategy learner.kind diehl_cook supports: "
                    + String.join(" or ", DIEHL_COOK_STRATEGIES), "'" + name + "'",
                    "diehl_cook learns by STDP without gradients or a readout; other strategies need learner.kind:"
                            + " bptt");
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkStrategy(ExperimentConfig c, int i, StrategyParams.Locator where) {
        ContinualStrategy s = StrategyParams.create(c.strategies().get(i));
        Support support = s.supports(c.tasks().scenario());
        if (!support.supported()) {
            throw new ConfigException(where.locate("strategies[" + i + "].name"), "strategies[" + i + "].name",
                    "a strategy that supports " + c.tasks().scenario().name().toLowerCase(java.util.Locale.ROOT),
                    "'" + s.name() + "'", support.reason());
        }
    }

    private static void checkSplit(TasksSpec t, boolean domain, StrategyParams.Locator where) {
        if (t.sequence() != SequenceKind.SPLIT) {
            return;
        }
        int classes = FashionMnist.CLASSES;
        if (t.groups() == null) {
            if (t.count() * t.classesPerTask() > classes) {
                throw new ConfigException(where.locate("tasks.count"), "tasks.count",
                        "count x classes_per_task <= " + classes + " classes", t.count() + " x " + t.classesPerTask(),
                        null);
            }
            if (domain && t.classesPerTask() < 2) {
                throw new ConfigException(where.locate("tasks.classes_per_task"), "tasks.classes_per_task",
                        "at least 2 classes per task in domain-incremental learning", Integer.toString(
                                t.classesPerTask()), null);
            }
            return;
        }
        List<List<Integer>> groups = t.groups();
        if (groups.size() != t.count()) {
            throw new ConfigException(where.locate("tasks.groups"), "tasks.groups", "one group per task (count = "
                    + t.count() + ")", groups.size() + " groups", null);
        }
        Set<Integer> used = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            String key = "tasks.groups[" + g + "]";
            if (groups.get(g).isEmpty() || (domain && groups.get(g).size() != groups.get(0).size())) {
                throw new ConfigException(where.locate(key), key, domain
                        ? "groups of equal size (domain-incremental tasks share one head)" : "at least one class",
                        groups.get(g).toString(), null);
            }
            for (Integer c : groups.get(g)) {
                if (c == null || c < 0 || c >= classes || !used.add(c)) {
                    throw new ConfigException(where.locate(key), key, "distinct classes in [0, " + classes + ")",
                            groups.get(g).toString(), null);
                }
            }
        }
        if (domain && groups.get(0).size() < 2) {
            throw new ConfigException(where.locate("tasks.groups"), "tasks.groups",
                    "at least 2 classes per group in domain-incremental learning", groups.toString(), null);
        }
    }
}
