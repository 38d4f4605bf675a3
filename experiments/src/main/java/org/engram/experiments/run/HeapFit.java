package org.engram.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.ExperimentConfig.LearnerKind;
import org.engram.experiments.config.ExperimentConfig.TasksSpec;
import org.engram.experiments.config.ExperimentConfig.TrainingSpec;
import org.engram.experiments.config.StrategyParams;
import org.engram.experiments.data.Dataset;
import org.engram.experiments.task.Task;
import org.engram.experiments.task.TaskSequence;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;

/**
 * What an experiment holds in memory, worked out from its config and the size of its data before
 * anything is built, and the refusals of what would not fit the heap: tasks too many or too large
 * for one unit, or more units at once ({@code --jobs}) than fit side by side.
 */
final class HeapFit {
    private final Experiment experiment;

    /** @param experiment the prepared experiment whose footprint is worked out */
    HeapFit(Experiment experiment) {
        this.experiment = experiment;
    }

    /**
     * Refuses tasks whose samples cannot fit the heap, where a unit holds all of them as 4-byte
     * features: a million permuted tasks, or synthetic patterns of 10^8 inputs, had run out of memory
     * after the run's folder was made. Split tasks are bounded by the data's classes.
     *
     * @param where     locates the keys in the config
     * @param heapBytes the heap's limit
     * @throws ConfigException naming tasks.count, or the largest synthetic size when one task alone cannot fit
     */
    void requireTasksFit(StrategyParams.Locator where, long heapBytes) {
        ExperimentConfig config = experiment.config();
        TasksSpec t = config.tasks();
        if (t.sequence() == ExperimentConfig.SequenceKind.SPLIT) {
            return;
        }
        TasksHeld held = tasksHeld();
        if (held.bytes() <= heapBytes) {
            return;
        }
        String key = held.bytes() / t.count() > heapBytes && t.sequence() == ExperimentConfig.SequenceKind.SYNTHETIC
                ? largestSyntheticSize(t.synthetic()) : "tasks.count";
        throw new ConfigException(where.locate(key), key, String.format(Locale.ROOT, "tasks whose samples fit the "
                        + "Java heap of %.0f MB (a run holds every task's samples, 4 bytes per feature)",
                        heapBytes / 1e6),
                String.format(Locale.ROOT, "%d tasks of %.0f samples x %d features, %.1f MB", t.count(),
                        held.samples() / t.count(), held.features(), held.bytes() / 1e6),
                "fewer tasks or samples, or " + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * Refuses a unit that even the whole heap cannot hold beside the run's data: a million time steps
     * a sample had run out of memory after the run's folder was made. Bound by the whole heap, not the
     * share {@link #requireUnitsFit} allows units side by side: the estimate counts a peak, and a unit
     * alone whose estimate lies between the two may still train. The key named is what sets the
     * largest part of the largest unit: its time steps or its network for training, its strategy's
     * state, or the tasks for samples.
     *
     * @param where      locates the keys in the config
     * @param strategies the strategies, each trained as one unit per seed
     * @param heapBytes  the heap's limit
     * @throws ConfigException naming that key, the unit's bytes by kind and the heap
     */
    void requireEachUnitFits(StrategyParams.Locator where, List<ExperimentConfig.StrategySpec> strategies,
                             long heapBytes) {
        UnitFootprint footprint = footprint();
        LargestUnit u = largestUnit(footprint, strategies);
        if (u == null || u.withRun() <= heapBytes) {
            return;
        }
        UnitFootprint.Bytes b = u.bytes();
        String key;
        if (b.training() >= b.samples() && b.training() >= b.strategy()) {
            key = footprint.stepBuffers() >= b.training() / 2 ? "encoder.steps" : "network.hidden";
        } else {
            key = b.strategy() >= b.samples() ? "strategies[" + u.index() + "]" : "tasks.count";
        }
        throw new ConfigException(where.locate(key), key, String.format(Locale.ROOT, "a unit that fits the Java heap of"
                        + " %.0f MB (a unit, one strategy on one seed, holds its tasks' samples, network, training and"
                        + " strategy state beside the data the run holds once)", heapBytes / 1e6),
                unitSizes(footprint, u, strategies),
                "fewer time steps, a smaller network, fewer tasks or samples, or " + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * Refuses to resume a run whose largest unfinished unit the whole heap cannot hold beside the run's data, as
     * {@link #requireEachUnitFits} refuses a new run: resumed in a smaller heap than it started in, it had run out
     * of memory in the first task it trained. The config cannot change on a resume, so the heap is what to change.
     *
     * @param partial    the run's partial folder, for the message
     * @param unfinished the strategy of each unit the run still trains, one entry per seed
     * @param heapBytes  the heap's limit
     * @throws EngramException naming {@code --resume}, the unit's bytes by kind and the heap
     */
    void requireEachUnitFitsOnResume(Path partial, List<ExperimentConfig.StrategySpec> unfinished, long heapBytes) {
        UnitFootprint footprint = footprint();
        LargestUnit u = largestUnit(footprint, unfinished);
        if (u == null || u.withRun() <= heapBytes) {
            return;
        }
        throw new EngramException(partial.toString(), "--resume", "a Java heap that holds the largest unit the run"
                        + " still trains beside the run's data (" + unitSizes(footprint, u, unfinished) + ")",
                String.format(Locale.ROOT, "a heap of %.0f MB", heapBytes / 1e6),
                "resume with more memory: " + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * The largest unit of a run, beside what the run holds once.
     *
     * @param index  its strategy's position in the list it was found in
     * @param bytes  what it holds
     * @param shared what the run holds once for all its units ({@link #sharedBytes()})
     */
    private record LargestUnit(int index, UnitFootprint.Bytes bytes, double shared) {
        /** {@return the unit's bytes with the run's} */
        double withRun() {
            return shared + bytes.total();
        }
    }

    /** {@return the largest unit of these strategies', or null for none} */
    private LargestUnit largestUnit(UnitFootprint footprint, List<ExperimentConfig.StrategySpec> strategies) {
        int largest = -1;
        UnitFootprint.Bytes b = null;
        for (int k = 0; k < strategies.size(); k++) {
            UnitFootprint.Bytes bytes = footprint.of(strategies.get(k));
            if (b == null || bytes.total() > b.total()) {
                largest = k;
                b = bytes;
            }
        }
        return b == null ? null : new LargestUnit(largest, b, sharedBytes());
    }

    /** {@return a unit's bytes by kind, short enough to be shown whole (a found value is cut past 200 characters)} */
    private static String unitSizes(UnitFootprint footprint, LargestUnit u, List<ExperimentConfig.StrategySpec> in) {
        UnitFootprint.Bytes b = u.bytes();
        return String.format(Locale.ROOT, "%s: %.1f MB of samples, %.1f MB of training (%.1f MB the buffers of %d"
                        + " time steps), %.1f MB of strategy state; %.1f MB with the run's %.1f MB",
                in.get(u.index()).label(), b.samples() / 1e6, b.training() / 1e6, footprint.stepBuffers() / 1e6,
                footprint.shape().steps(), b.strategy() / 1e6, u.withRun() / 1e6, u.shared() / 1e6);
    }

    /**
     * Refuses more units at once ({@code --jobs}) than the heap holds: each unit trained at once
     * holds its own tasks' samples, network, trainer and strategy state ({@link UnitFootprint}), and
     * the run holds its data once for all of them; together they must fit the share of the heap
     * that long-lived data can use ({@link UnitFootprint#HEAP_SHARE}). The largest units are
     * counted, as any of them may train side by side. One unit's tasks are checked by
     * {@link #requireTasksFit}, and one unit alone by {@link #requireEachUnitFits}.
     *
     * @param together  the units that would train at once
     * @param units     the strategy of each unit the run still trains, one entry per seed
     * @param heapBytes the heap's limit
     * @throws EngramException naming {@code --jobs}, the largest unit's size and the most units that fit
     */
    void requireUnitsFit(int together, List<ExperimentConfig.StrategySpec> units, long heapBytes) {
        if (together < 2) {
            return;
        }
        UnitFootprint footprint = footprint();
        record Unit(ExperimentConfig.StrategySpec spec, UnitFootprint.Bytes bytes) {
        }
        List<Unit> largestFirst = units.stream().map(u -> new Unit(u, footprint.of(u)))
                .sorted(Comparator.comparingDouble((Unit u) -> u.bytes().total()).reversed()).toList();
        double shared = sharedBytes();
        double usable = heapBytes * UnitFootprint.HEAP_SHARE;
        double need = shared;
        int fit = 0;
        for (int k = 0; k < together; k++) {
            need += largestFirst.get(k).bytes().total();
            if (need <= usable) {
                fit = k + 1;
            }
        }
        if (need <= usable) {
            return;
        }
        ExperimentConfig.StrategySpec largest = largestFirst.get(0).spec();
        UnitFootprint.Bytes b = largestFirst.get(0).bytes();
        UnitFootprint.Shape shape = footprint.shape();
        throw new EngramException("engram run", "--jobs", String.format(Locale.ROOT, "units that fit together in two"
                        + " thirds of the Java heap of %.0f MB, %.1f MB (each unit trained at once holds its own tasks'"
                        + " samples, network, training and strategy state)", heapBytes / 1e6, usable / 1e6),
                String.format(Locale.ROOT, "%d units at once of up to %.1f MB each (%s: %.1f MB of samples, %.0f"
                        + " samples x %d features; %.1f MB of network and training; %.1f MB of strategy state),"
                        + " %.1f MB with the %.1f MB the run holds once", together, b.total() / 1e6, largest.label(),
                        b.samples() / 1e6, shape.sampleRows(), shape.features(), b.training() / 1e6,
                        b.strategy() / 1e6, need / 1e6, shared / 1e6),
                (fit >= 1 ? "--jobs " + fit + " (the most that fit), or " : "fewer tasks or samples, or ")
                        + HeapLimitExceeded.MORE_HEAP);
    }

    /**
     * What the run holds once for all its units: the data it read (the training and test sets, and
     * the split tasks' own copies of their samples, 4 bytes a feature and 4 for a label), and the
     * program itself.
     *
     * @return bytes
     */
    double sharedBytes() {
        Dataset train = experiment.train();
        Dataset test = experiment.test();
        TaskSequence split = experiment.split();
        double samples = 0;
        int features = 0;
        if (train != null) {
            samples = train.size() + (double) test.size();
            features = train.features();
        }
        if (split != null) {
            for (Task task : split.tasks()) {
                samples += task.train().size() + (double) task.test().size();
            }
        }
        return UnitFootprint.PROGRAM_BYTES + sampleBytes(samples, features);
    }

    /** Bytes of {@code samples} samples held as 4-byte features and a 4-byte label. */
    private static double sampleBytes(double samples, int features) {
        return samples * (features * (double) Float.BYTES + Integer.BYTES);
    }

    /** @return the sizes that set what one unit holds, from the config and the data's size */
    UnitFootprint footprint() {
        ExperimentConfig config = experiment.config();
        TasksSpec t = config.tasks();
        TasksHeld held = tasksHeld();
        TrainingSpec tr = config.training();
        List<int[]> matrices = new ArrayList<>();
        int[] neurons;
        if (config.learner().kind() == LearnerKind.DIEHL_COOK) {
            int n = config.learner().neurons();
            // Inputs to excitatory neurons, inhibitory to excitatory, excitatory to inhibitory one to one.
            matrices.add(new int[] {held.features(), n});
            matrices.add(new int[] {n, n});
            matrices.add(new int[] {n, 1});
            neurons = new int[] {n, n};
        } else {
            for (int[] m : new UnitLearners(experiment).spec(held.features()).matrixShapes()) {
                matrices.add(new int[] {m[0], m[1]});
            }
            neurons = IntStream.concat(config.network().hidden().stream().mapToInt(Integer::intValue),
                    IntStream.of(experiment.readoutClasses())).toArray();
        }
        int optimizerBytes = switch (tr.optimizer()) {
            case ADAM -> 2 * Float.BYTES;
            case SGD -> tr.momentum() > 0 ? Float.BYTES : 0;
        };
        return new UnitFootprint(new UnitFootprint.Shape(held.features(), held.samples(), held.flat(), t.count(),
                held.trainPerTask(), matrices, neurons, experiment.readoutClasses(), config.encoder().steps(),
                tr.batchSize(), tr.blockSize(), config.threads(), optimizerBytes));
    }

    /**
     * The samples one unit's tasks hold, all tasks together, and their features each; the samples of
     * its own task sequence, kept beside them as one flat copy; and the most training samples of one task.
     */
    private record TasksHeld(double samples, int features, double flat, double trainPerTask) {
        /** Bytes of the samples: 4 per feature and 4 for the label. */
        double bytes() {
            return sampleBytes(samples, features);
        }
    }

    private TasksHeld tasksHeld() {
        ExperimentConfig config = experiment.config();
        Dataset train = experiment.train();
        Dataset test = experiment.test();
        TaskSequence split = experiment.split();
        TasksSpec t = config.tasks();
        return switch (t.sequence()) {
            case SPLIT -> new TasksHeld(split.tasks().stream().mapToDouble(task -> limited(t.trainPerTask(),
                    task.train().size()) + limited(t.testPerTask(), task.test().size())).sum(), train.features(), 0,
                    split.tasks().stream().mapToDouble(task -> limited(t.trainPerTask(), task.train().size())).max()
                            .orElse(0));
            // Permuted tasks read the data through a feature order: no copy of their own.
            case PERMUTED -> new TasksHeld(t.count() * (limited(t.trainPerTask(), train.size())
                    + limited(t.testPerTask(), test.size())), train.features(), 0,
                    limited(t.trainPerTask(), train.size()));
            // Each angle rotates the whole data before the task takes its first samples.
            case ROTATED -> new TasksHeld(t.count() * (train.size() + (double) test.size()), train.features(),
                    t.count() * (train.size() + (double) test.size()), limited(t.trainPerTask(), train.size()));
            case SYNTHETIC -> {
                double samples = t.count() * t.classesPerTask() * ((double) t.synthetic().trainPerClass()
                        + t.synthetic().testPerClass());
                yield new TasksHeld(samples, t.synthetic().inputs(), samples,
                        t.classesPerTask() * (double) t.synthetic().trainPerClass());
            }
        };
    }

    /** The key of the largest of a synthetic task's sizes, which one task too large for the heap is blamed on. */
    private static String largestSyntheticSize(ExperimentConfig.SyntheticSpec s) {
        int largest = Math.max(s.inputs(), Math.max(s.trainPerClass(), s.testPerClass()));
        return "tasks.synthetic." + (largest == s.inputs() ? "inputs"
                : largest == s.trainPerClass() ? "train_per_class" : "test_per_class");
    }

    /** The samples a task takes of a set: the first {@code limit}, 0 for all. */
    private static double limited(int limit, int size) {
        return limit > 0 ? Math.min(limit, size) : size;
    }
}
