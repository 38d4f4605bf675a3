package org.engram.experiments.run;

import static org.engram.experiments.run.ExperimentFixtures.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.engram.experiments.config.ConfigException;
import org.engram.experiments.config.ConfigLayers;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.learning.continual.TaskData;
import org.engram.simulator.EngramException;
import org.engram.simulator.HeapLimitExceeded;
import org.junit.jupiter.api.Test;

/** What an experiment holds, worked by hand, and the refusals of tasks and units past the heap. */
class HeapFitTest {
    /** The bytes of the features (4 each) and labels the tasks of seed 1 hold once made. */
    private static long madeBytes(Experiment e) {
        long made = 0;
        for (TaskData task : e.tasks(e.sequence(1), 1).learning()) {
            for (float[][] x : List.of(task.trainX(), task.testX())) {
                for (float[] sample : x) {
                    made += (long) sample.length * Float.BYTES + Integer.BYTES;
                }
            }
        }
        return made;
    }

    /**
     * Tasks past the heap are refused by tasks.count before a run starts. For permuted and synthetic
     * tasks the estimate behind it is what their samples' features and labels take once made, so a
     * run is refused only when its tasks alone cannot fit (rotated tasks make whole rotated copies
     * of the data first, which the estimate counts instead).
     */
    @Test
    void tasksPastTheHeapAreRefusedByTheirCount() {
        ConfigLayers.Resolved resolved = resolved("t.yaml", "data: {bundled: true}\n"
                + "tasks: {sequence: permuted, count: 3, train_per_task: 30, test_per_task: 20}\n");
        Experiment e = Experiment.prepare(resolved.config());
        long made = madeBytes(e);
        HeapFit heap = new HeapFit(e);
        assertEquals(3 * 50 * (784 * 4 + 4), made, "the samples' features and labels");
        heap.requireTasksFit(resolved.where(), made);
        ConfigException refused = assertThrows(ConfigException.class,
                () -> heap.requireTasksFit(resolved.where(), made - 1));
        assertTrue(refused.getMessage().contains("t.yaml:2:") && refused.getMessage().contains("tasks.count: expected "
                + "tasks whose samples fit the Java heap of 0 MB") && refused.getMessage().contains(
                "found 3 tasks of 50 samples x 784 features, 0.5 MB"), refused.getMessage());
    }

    /** Synthetic tasks: the same bound from their sizes; one task alone too large is blamed on its largest size. */
    @Test
    void syntheticTasksPastTheHeapNameTheirLargestSize() {
        ConfigLayers.Resolved resolved = resolved("s.yaml", "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, "
                + "test_per_class: 3}}\n");
        Experiment e = Experiment.prepare(resolved.config());
        long made = madeBytes(e);
        HeapFit heap = new HeapFit(e);
        assertEquals(2 * 2 * 8 * (10 * 4 + 4), made, "2 tasks of 2 classes of 8 samples of 10 features");
        heap.requireTasksFit(resolved.where(), made);
        ConfigException count = assertThrows(ConfigException.class,
                () -> heap.requireTasksFit(resolved.where(), made - 1));
        assertTrue(count.getMessage().contains("tasks.count: expected"), count.getMessage());
        ConfigException size = assertThrows(ConfigException.class,
                () -> heap.requireTasksFit(resolved.where(), made / 4));
        assertTrue(size.getMessage().contains("tasks.synthetic.inputs: expected"), size.getMessage());
        ConfigLayers.Resolved many = resolved("s.yaml", "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 2, train_per_class: 5, "
                + "test_per_class: 3}}\n");
        // 2 classes x 8 samples of 2 features, 12 bytes each, a task: 192 bytes; samples are the largest size.
        ConfigException perClass = assertThrows(ConfigException.class,
                () -> new HeapFit(Experiment.prepare(many.config())).requireTasksFit(many.where(), 100));
        assertTrue(perClass.getMessage().contains("tasks.synthetic.train_per_class: expected"), perClass.getMessage());
    }

    /** Split tasks on the bundled data, a 784-8-10 network, naive and EWC. */
    private static final String SPLIT_UNITS = "data: {bundled: true}\n"
            + "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 30, test_per_task: 20}\n"
            + "network: {hidden: [8]}\nencoder: {steps: 4}\ntraining: {batch_size: 16, block_size: 16}\n"
            + "strategies: [{name: naive}, {name: ewc}]\n";

    /** Two synthetic tasks of 10 inputs, a 10-4-4 network, GPM. */
    private static final String SYNTHETIC_GPM_UNIT = "data: {dataset: synthetic}\n"
            + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, test_per_class: 3}}\n"
            + "network: {hidden: [4]}\nencoder: {steps: 2}\nstrategies: [{name: gpm}]\n";

    /** A config given as text, resolved. */
    private static ExperimentConfig config(String yaml) {
        return located("u.yaml", yaml).config();
    }

    /** The config in {@code yaml}, read as file {@code file}, with where each key was written. */
    private static ConfigLayers.Resolved located(String file, String yaml) {
        return ConfigLayers.resolve(yaml, file, List.of(), ConfigLayers.Flags.NONE);
    }

    /** What a unit of the config's strategy {@code index} holds. */
    private static UnitFootprint.Bytes unit(HeapFit heap, ExperimentConfig c, int index) {
        return heap.footprint().of(c.strategies().get(index));
    }

    /**
     * What one unit holds, worked by hand for split tasks on the bundled data (784 features, arrays
     * padded to 8 bytes) with a 784-8-10 network: samples as rows, the network and its trainer per
     * weight, one worker's buffers, the batch's activity, and the checkpoint; EWC adds a Fisher
     * diagonal (8 bytes a weight) and an anchor (4) per task, written into the checkpoint too.
     */
    @Test
    void aUnitOfSplitTasksHoldsWhatItsSizesGive() {
        ExperimentConfig c = config(SPLIT_UNITS);
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        UnitFootprint.Bytes naive = unit(heap, c, 0);
        // 100 samples, each a float[784] (16 + 3136 bytes), its reference (4) and its label (4).
        assertEquals(100 * (3152 + 4 + 4), naive.samples(), 1e-6);
        // 784 x 8 + 8 x 10 = 6352 weights of 48 bytes (one gradient block, Adam); a worker's buffers
        // 32 x 4 steps x 18 neurons + 24 x 4 steps x 784 inputs + 4 x 5 x 8; activity 2 x 4 x 16 x 792.
        assertEquals(6352 * 48 + (2304 + 75264 + 160) + 101376, naive.training(), 1e-6);
        // The checkpoint: three times the weights and Adam's moments (12 bytes a weight).
        assertEquals(3 * 6352 * 12, naive.strategy(), 1e-6);
        UnitFootprint.Bytes ewc = unit(heap, c, 1);
        double anchors = 2 * 6352 * 12;
        assertEquals(anchors + 3 * (6352 * 12 + anchors), ewc.strategy(), 1e-6);
        assertEquals(naive.samples() + naive.training(), ewc.samples() + ewc.training(), 1e-6);
        // The bundled data (3,000 + 1,000 samples) and the split tasks' copies (2 tasks of 600 + 200).
        assertEquals(UnitFootprint.PROGRAM_BYTES + (4000 + 1600) * (784 * 4 + 4), heap.sharedBytes(), 1e-6);
    }

    /**
     * The optimiser's state per weight, against the 48 bytes a weight of the split units holds with Adam
     * (two moments, 8 bytes): plain SGD keeps none (40 bytes a weight, 4 in the checkpoint) and SGD
     * with momentum one velocity (44 bytes, 8 in the checkpoint).
     */
    @Test
    void theOptimisersStateIsTwoMomentsForAdamOneVelocityForMomentumAndNoneForPlainSgd() {
        // momentum is 0.9 unless given: plain SGD is momentum 0.
        String plain = SPLIT_UNITS.replace("block_size: 16}", "block_size: 16, optimizer: sgd, momentum: 0}");
        String momentum = SPLIT_UNITS.replace("block_size: 16}", "block_size: 16, optimizer: sgd, momentum: 0.9}");
        UnitFootprint.Bytes adam = unit(new HeapFit(Experiment.prepare(config(SPLIT_UNITS))), config(SPLIT_UNITS), 0);
        UnitFootprint.Bytes sgd = unit(new HeapFit(Experiment.prepare(config(plain))), config(plain), 0);
        UnitFootprint.Bytes velocity = unit(new HeapFit(Experiment.prepare(config(momentum))), config(momentum), 0);
        assertEquals(adam.training() - 6352 * 8, sgd.training(), 1e-6);
        assertEquals(adam.training() - 6352 * 4, velocity.training(), 1e-6);
        assertEquals(3 * 6352 * 4, sgd.strategy(), 1e-6);
        assertEquals(3 * 6352 * 8, velocity.strategy(), 1e-6);
    }

    /**
     * Synthetic tasks (10 inputs, 4 readout units, a 10-4-4 network, 64 samples a batch in blocks of
     * 16) keep their sequence's flat copy beside the rows; GPM's basis is at most each matrix's inputs
     * squared, and at a task's end it decomposes the activity of the task's 10 training samples.
     */
    @Test
    void aUnitOfSyntheticTasksUnderGpmHoldsWhatItsSizesGive() {
        ExperimentConfig c = config(SYNTHETIC_GPM_UNIT);
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        UnitFootprint.Bytes gpm = unit(heap, c, 0);
        // 32 samples: a float[10] (16 + 40 bytes), its reference and label; and 4 bytes a feature flat.
        assertEquals(32 * (56 + 4 + 4) + 32 * 40, gpm.samples(), 1e-6);
        // 10 x 4 + 4 x 4 = 56 weights of 60 bytes (4 gradient blocks); one worker's buffers
        // 32 x 2 x 8 + 24 x 2 x 10 + 4 x 3 x 4; activity 2 x 4 x 64 x 14.
        assertEquals(56 * 60 + (512 + 480 + 48) + 7168, gpm.training(), 1e-6);
        // Bases 8 x (10^2 + 4^2) kept; at a task's end, for the 10-input matrix, a new basis (8 x 10^2),
        // the decomposition (32 x 10 x 10 + 8 x 10^2) and both matrices' activity (4 x 10 x 10 + 4 x 4 x 10):
        // more than the checkpoint, 3 x (56 x 12 + 928).
        assertEquals(928 + (800 + 3200 + 800) + 560, gpm.strategy(), 1e-6);
        assertEquals(UnitFootprint.PROGRAM_BYTES, heap.sharedBytes(), 1e-6, "synthetic data: no data read");
    }

    /**
     * Units side by side: the run's shared data and the largest units must fit two thirds of the
     * heap together; the refusal names the largest unit and the most units that fit.
     */
    @Test
    void unitsAtOnceAreBoundByTheHeapFromTheLargestUnits() {
        ExperimentConfig c = config("data: {bundled: true}\n"
                + "tasks: {sequence: split, count: 2, classes_per_task: 2, train_per_task: 30, test_per_task: 20}\n"
                + "network: {hidden: [8]}\nstrategies: [{name: naive}, {name: ewc}]\n");
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        ExperimentConfig.StrategySpec naive = c.strategies().get(0);
        ExperimentConfig.StrategySpec ewc = c.strategies().get(1);
        double small = unit(heap, c, 0).total();
        double large = unit(heap, c, 1).total();
        assertTrue(large > small, "EWC's anchors");
        List<ExperimentConfig.StrategySpec> units = List.of(naive, naive, ewc, ewc);
        // Two units at once: the two EWC units, whichever order the run takes them in.
        long two = (long) Math.ceil((heap.sharedBytes() + 2 * large) * 3 / 2);
        heap.requireUnitsFit(2, units, two);
        heap.requireUnitsFit(1, units, 0);   // one unit alone is requireEachUnitFits's to refuse
        EngramException refused = assertThrows(EngramException.class, () -> heap.requireUnitsFit(2, units, two - 2));
        assertTrue(refused.getMessage().contains(String.format(java.util.Locale.ROOT, "found 2 units at once of up to"
                + " %.1f MB each (ewc: ", large / 1e6)) && refused.getMessage().contains("100 samples x 784 features")
                && refused.getMessage().contains("--jobs 1 (the most that fit), or "), refused.getMessage());
        EngramException none = assertThrows(EngramException.class, () -> heap.requireUnitsFit(3, units,
                (long) ((heap.sharedBytes() + large) * 3 / 2) - 2));
        assertTrue(none.getMessage().contains("fewer tasks or samples, or "), none.getMessage());
    }

    /**
     * Each strategy's state on the synthetic 10-4-4 network (56 weights, Adam: a checkpoint of 3 x 56 x 12 = 2016
     * bytes besides the strategy's state, written three times), 2 tasks of 10 training samples, a sample's row
     * 16 + 40 + 4 = 60 bytes, a readout row 16 + 16 + 4 = 36, worked from the per-weight and per-sample sizes
     * {@link UnitFootprint} documents: kept + max(passing, 2016 + 3 x kept).
     */
    @Test
    void eachStrategysStateIsWhatItsDocumentedSizesGive() {
        ExperimentConfig c = config("data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2,"
                + " synthetic: {inputs: 10, train_per_class: 5, test_per_class: 3}}\n"
                + "network: {hidden: [4]}\nencoder: {steps: 2}\ntraining: {batch_size: 64, block_size: 16}\n"
                + "strategies: [{name: naive}, {name: online_ewc}, {name: mas}, {name: si}, {name: l2},"
                + " {name: lwf}, {name: replay, params: {memory_size: 5, replay_batch_size: 16}},"
                + " {name: er_ace, params: {memory_size: 5, replay_batch_size: 16}},"
                + " {name: der, params: {memory_size: 5, replay_batch_size: 16}},"
                + " {name: agem, params: {memory_size: 5}},"
                + " {name: gem, params: {patterns_per_task: 3}},"
                + " {name: hlop, params: {first_task_neurons: 2, neuron_increment: 1}}, {name: joint},"
                + " {name: metaplasticity}, {name: importance_gating}]\n");
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        double[] expected = {
            2016,                           // naive: the checkpoint alone
            672 + 2016 + 3 * 672,           // online EWC: a Fisher and an anchor, 12 x 56 = 672
            672 + 2016 + 3 * 672,           // MAS: the same
            1568 + 2016 + 3 * 1568,         // SI: 28 x 56 = 1568
            224 + 2016 + 3 * 224,           // L2: an anchor, 4 x 56 = 224
            800 + 2016 + 3 * 800,           // LwF: 2 tasks x 10 samples x (36 + 4) = 800
            360 + 2016 + 3 * 360,           // replay: 5 samples x (60 + 12) = 360
            360 + 2016 + 3 * 360,           // ER-ACE: the same memory
            540 + 2016 + 3 * 540,           // DER: 5 x (60 + 36 + 12) = 540
            808 + 2016 + 3 * 808,           // A-GEM: 360 and a gradient of 8 x 56 = 448
            880 + 2016 + 3 * 880,           // GEM: 2 tasks x 3 x 72 = 432, and 1 x 448
            // HLOP: min(inputs, 2 + 1) = 3 lateral neurons of 3 x 8 bytes per input: 720 + 288 = 1008 kept; its
            // seeding, 8 x (64 + 10) x 10 + 8 x 10^2 = 6720, is more than the checkpoint, 2016 + 3024.
            1008 + 6720,
            2016,                           // joint
            2016,                           // metaplasticity
            1344 + 2016 + 3 * 1344};        // importance gating: 24 x 56 = 1344
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], unit(heap, c, i).strategy(), 1e-6, c.strategies().get(i).label());
        }
        // Samples a strategy adds to a batch: 64 + 16 for replay (5 gradient blocks of 16, 8 + 8 + 8 + 4 x 5 + 8
        // + 4 + 8 = 64 bytes a weight, activity 2 x 4 x 80 x 14), 64 + 64 for joint (8 blocks: 76 bytes a weight,
        // activity 2 x 4 x 128 x 14); one worker's buffers 32 x 2 x 8 + 24 x 2 x 10 + 4 x 3 x 4 = 1040 for all.
        assertEquals(56 * 60 + 1040 + 7168, unit(heap, c, 0).training(), 1e-6);
        assertEquals(56 * 64 + 1040 + 8960, unit(heap, c, 6).training(), 1e-6);
        assertEquals(56 * 76 + 1040 + 14336, unit(heap, c, 12).training(), 1e-6);
    }

    /**
     * HLOP's lateral neurons grow by the increment each task after the first: of three tasks (a 10-4-6 network,
     * 64 weights), 2 + 2 x 1 = 4 per matrix, 24 x 4 x (10 + 4) = 1344 bytes kept; its seeding, 6720, is more
     * than the checkpoint, 3 x (64 x 12 + 1344) = 6336.
     */
    @Test
    void hlopsNeuronsGrowWithEachTask() {
        ExperimentConfig c = config(SYNTHETIC_GPM_UNIT.replace("count: 2", "count: 3").replace("{name: gpm}",
                "{name: hlop, params: {first_task_neurons: 2, neuron_increment: 1}}"));
        assertEquals(1344 + 6720, unit(new HeapFit(Experiment.prepare(c)), c, 0).strategy(), 1e-6);
    }

    /**
     * The Diehl and Cook network of 5 neurons on 784 inputs has 784 x 5 input weights, 5 x 5 inhibitory and 5
     * one-to-one back, 3950 in all, and steps 5 + 5 neurons: at the defaults (20 steps, batches of 64 in blocks of
     * 16) 3950 x 60 bytes, a worker's 32 x 20 x 10 + 24 x 20 x 784 + 4 x 21 x 5, and activity 2 x 4 x 64 x 794.
     */
    @Test
    void aDiehlCookUnitHoldsItsThreeMatrices() {
        ExperimentConfig c = config("data: {bundled: true}\ntasks: {count: 2, classes_per_task: 2,"
                + " scenario: class_incremental, train_per_task: 30, test_per_task: 20}\n"
                + "learner: {kind: diehl_cook, neurons: 5}\nstrategies: [{name: naive}]\n");
        assertEquals(3950 * 60 + (6400 + 376320 + 420) + 406528,
                unit(new HeapFit(Experiment.prepare(c)), c, 0).training(), 1e-6);
    }

    /** Rotated tasks rotate the whole data (3,000 + 1,000 samples) for each angle and keep a flat copy of it. */
    @Test
    void rotatedTasksHoldWholeRotatedCopies() {
        ExperimentConfig c = config("data: {bundled: true}\ntasks: {sequence: rotated, count: 2}\n"
                + "strategies: [{name: naive}]\n");
        assertEquals(8000 * (3152 + 4 + 4) + 8000 * 784 * 4.0,
                unit(new HeapFit(Experiment.prepare(c)), c, 0).samples(), 1e-6);
    }

    /**
     * Split tasks without limits hold all their classes' samples (2 tasks of 600 + 200 on the bundled data); LwF
     * keeps the earlier network's 10 outputs (16 + 40 + 4 = 60 bytes and 4) for each training sample of a task
     * (30 here) of each of the 2 tasks: 3840, besides the checkpoint of 3 x (6352 x 12 + 3840).
     */
    @Test
    void splitTasksHoldTheirSamplesAndLwfItsOutputsPerTrainingSample() {
        ExperimentConfig all = config(SPLIT_UNITS.replace(", train_per_task: 30, test_per_task: 20", ""));
        assertEquals(1600 * (3152 + 4 + 4), unit(new HeapFit(Experiment.prepare(all)), all, 0).samples(), 1e-6);
        ExperimentConfig c = config(SPLIT_UNITS.replace("{name: ewc}", "{name: lwf}"));
        assertEquals(3840 + 3 * (6352 * 12 + 3840), unit(new HeapFit(Experiment.prepare(c)), c, 1).strategy(), 1e-6);
    }

    /**
     * The refusal of units side by side says how much they need and what to change, in MB worked by hand from
     * {@link #aUnitOfSplitTasksHoldsWhatItsSizesGive}: an EWC unit holds 316,000 bytes of samples, 484,000 of
     * network and training, and 152,448 + 3 x (76,224 + 152,448) = 838,464 of strategy state, 1,638,464 in all;
     * a naive unit holds the same but 228,672 of strategy state (its checkpoint), 1,028,672; the run holds 16 MB
     * and 5,600 samples of 3,140 bytes once, 33,584,000. The two units need 36,251,136 bytes of the 36,000,000
     * two thirds of 54 MB give; the EWC unit alone fits.
     */
    @Test
    void theRefusalOfUnitsSideBySideSaysWhatTheyNeedAndWhatToChange() {
        ExperimentConfig c = config(SPLIT_UNITS);
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        EngramException refused = assertThrows(EngramException.class,
                () -> heap.requireUnitsFit(2, List.of(c.strategies().get(0), c.strategies().get(1)), 54_000_000));
        assertEquals("engram run: --jobs: expected units that fit together in two thirds of the Java heap of 54 MB,"
                + " 36.0 MB (each unit trained at once holds its own tasks' samples, network, training and strategy"
                + " state), found 2 units at once of up to 1.6 MB each (ewc: 0.3 MB of samples, 100 samples x 784"
                + " features; 0.5 MB of network and training; 0.8 MB of strategy state), 36.3 MB with the 33.6 MB the"
                + " run holds once; --jobs 1 (the most that fit), or " + HeapLimitExceeded.MORE_HEAP,
                refused.getMessage());
    }

    /**
     * A unit that even the whole heap cannot hold is refused before a run starts, by the key that sets its
     * largest part. The split units above: EWC's holds 0.84 MB of strategy state, more than its samples (0.32
     * MB) or training (0.48 MB), so its entry is named; naive's largest part is training, mostly its weights
     * (the buffers of 4 time steps are 0.08 MB of it), so the network; with 4,000 steps the buffers take 77.7
     * MB, so the steps.
     */
    @Test
    void aUnitPastTheWholeHeapIsRefusedByTheKeyThatSetsItsLargestPart() {
        ConfigLayers.Resolved resolved = located("u.yaml", SPLIT_UNITS);
        ExperimentConfig c = resolved.config();
        HeapFit heap = new HeapFit(Experiment.prepare(c));
        double ewc = heap.sharedBytes() + unit(heap, c, 1).total();
        // By hand, from aUnitOfSplitTasksHoldsWhatItsSizesGive: the run's 33,584,000 bytes, and EWC's unit of
        // 316,000 (samples) + 484,000 (training) + 838,464 (strategy state).
        assertEquals(33_584_000 + 316_000 + 484_000 + 838_464, ewc, 1e-6);
        heap.requireEachUnitFits(resolved.where(), c.strategies(), (long) Math.ceil(ewc));
        ConfigException refused = assertThrows(ConfigException.class,
                () -> heap.requireEachUnitFits(resolved.where(), c.strategies(), (long) ewc - 1));
        String message = refused.getMessage();
        assertTrue(message.contains("u.yaml:6:") && message.contains("strategies[1]: expected a unit that fits the"
                + " Java heap of 35 MB") && message.contains("found ewc: 0.3 MB of samples, 0.5 MB of training (0.1 MB"
                + " the buffers of 4 time steps), 0.8 MB of strategy state;"), message);
        double naive = heap.sharedBytes() + unit(heap, c, 0).total();
        ConfigException network = assertThrows(ConfigException.class,
                () -> heap.requireEachUnitFits(resolved.where(), c.strategies().subList(0, 1), (long) naive - 1));
        assertTrue(network.getMessage().contains("u.yaml:3:") && network.getMessage().contains("network.hidden: "),
                network.getMessage());
        ConfigLayers.Resolved long4000 = located("s.yaml", SPLIT_UNITS.replace("steps: 4", "steps: 4000"));
        HeapFit steps = new HeapFit(Experiment.prepare(long4000.config()));
        ConfigException many = assertThrows(ConfigException.class,
                () -> steps.requireEachUnitFits(long4000.where(), long4000.config().strategies(), 100_000_000));
        assertTrue(many.getMessage().contains("s.yaml:4:") && many.getMessage().contains("encoder.steps: ")
                && many.getMessage().contains("(77.7 MB the buffers of 4000 time steps)"), many.getMessage());
    }

    /** A heap that holds exactly one of two synthetic tasks (2 classes x 8 samples x 44 bytes) blames their count. */
    @Test
    void aHeapThatHoldsOneTaskBlamesTheCount() {
        ConfigLayers.Resolved resolved = resolved("s.yaml", "data: {dataset: synthetic}\n"
                + "tasks: {sequence: synthetic, count: 2, synthetic: {inputs: 10, train_per_class: 5, "
                + "test_per_class: 3}}\n");
        HeapFit heap = new HeapFit(Experiment.prepare(resolved.config()));
        ConfigException count = assertThrows(ConfigException.class,
                () -> heap.requireTasksFit(resolved.where(), 2 * 8 * 44));
        assertTrue(count.getMessage().contains("tasks.count: expected"), count.getMessage());
    }
}
