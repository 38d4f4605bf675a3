package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;

class LwfTest {
    @Test
    void distillationGradientMatchesFiniteDifferenceOfItsLoss() {
        float[] logits = {0.5f, -1.25f, 2f, 0.75f, -0.5f};
        float[] p = {0.1f, 0.6f, 0.3f};
        DistillationTarget target = new DistillationTarget(p, new int[] {1, 2, 3}, 2.5, 0.7);
        float[] grad = new float[5];
        target.addLogitGradient(logits, grad);
        assertEquals(0f, grad[0], 0, "units outside the head get nothing");
        assertEquals(0f, grad[4], 0);
        // Central differences with h = 2^-6 on logits that are multiples of 2^-6, so z +- h is exact
        // in float; truncation error h^2/6 * |L'''| with |L'''| <= weight / T^3 < 0.05: < 1e-5.
        float h = 0x1p-6f;
        for (int j = 1; j <= 3; j++) {
            float[] up = logits.clone();
            float[] down = logits.clone();
            up[j] += h;
            down[j] -= h;
            double numeric = (target.loss(up) - target.loss(down)) / (2 * h);
            // the gradient itself is rounded to float once (relative 6e-8)
            assertEquals(numeric, grad[j], 2e-5, "unit " + j);
        }
    }

    @Test
    void targetsAreSoftenedOutputsOfThePreviousNetwork() {
        int n = 5;
        List<SampleSet> tasks = List.of(
                ToyData.nearSubspace(0, ToyData.randomRows(3, n, 1), 3, 30, 0.1, 2),
                ToyData.nearSubspace(1, ToyData.randomRows(3, n, 3), 3, 30, 0.1, 4));
        ToyLinearModel model = new ToyLinearModel(n, 3, 1);
        double temperature = 2;
        Lwf lwf = new Lwf(new Lwf.Params(temperature, 0.5));
        ToyTrainer trainer = new ToyTrainer(model, lwf, tasks, Scenario.DOMAIN_INCREMENTAL, 1);
        trainer.runTask(0);
        float[] previous = model.w.clone();
        lwf.beforeTask(trainer.context(1));
        Batch batch = new Batch(1, Scenario.DOMAIN_INCREMENTAL, 0, 0, tasks.get(1), new int[] {4, 7});
        batch.append(tasks.get(0).input(0), 0, 0);
        lwf.beforeBatch(batch);
        assertEquals(0, batch.distillationTargetCount(2), "appended samples get no target");
        for (int i = 0; i < 2; i++) {
            assertEquals(1, batch.distillationTargetCount(i));
            DistillationTarget t = batch.distillationTarget(i, 0);
            assertEquals(0.5, t.weight());
            float[] x = batch.input(i);
            double[] z = new double[3];
            double norm = 0;
            for (int o = 0; o < 3; o++) {
                for (int a = 0; a < n; a++) {
                    z[o] += (double) x[a] * previous[a * 3 + o];
                }
                norm += Math.exp(z[o] / temperature);
            }
            for (int o = 0; o < 3; o++) {
                // logits pass through float once (relative 6e-8) before the softmax
                assertEquals(Math.exp(z[o] / temperature) / norm, t.probabilities()[o], 1e-6);
            }
        }
    }

    @Test
    void taskIncrementalDistilsEveryEarlierHeadSeparately() {
        int n = 4;
        IntFunction<int[]> pairs = task -> new int[] {2 * task, 2 * task + 1};
        ToyLinearModel inner = model(n, 6, 3, pairs, pairs);
        SampleSet data = ToyData.nearSubspace(2, ToyData.randomRows(2, n, 1), 2, 10, 0.1, 2);
        Lwf lwf = new Lwf(Lwf.Params.defaults());
        lwf.beforeTask(new FixedTask(2, Scenario.TASK_INCREMENTAL, 1, inner, inner, List.of(data, data, data)));
        Batch batch = new Batch(2, Scenario.TASK_INCREMENTAL, 0, 0, data, new int[] {3});
        lwf.beforeBatch(batch);
        assertEquals(2, batch.distillationTargetCount(0));
        assertArrayEquals(new int[] {0, 1}, batch.distillationTarget(0, 0).units());
        assertArrayEquals(new int[] {2, 3}, batch.distillationTarget(0, 1).units());
        assertEquals(2, batch.distillationTarget(0, 1).probabilities().length);
        assertSame(data.input(3), batch.input(0));
    }

    /**
     * Task-incremental with tasks whose classes are not adjacent ({0, 2} then {1, 3}): each earlier
     * head is distilled over its own classes' units. The heads used to fall back to the whole
     * readout, one copy per earlier task, distilling the current and unseen units too.
     */
    @Test
    void eachEarlierHeadIsDistilledOverItsOwnClasses() {
        TaskData[] split = SplitPatterns.tasks(20, 10);
        int[][] classes = {{0, 2}, {1, 3}};
        TaskData[] tasks = new TaskData[2];
        for (int t = 0; t < 2; t++) {
            TaskData d = split[t];
            tasks[t] = new TaskData(t, "classes " + classes[t][0] + "," + classes[t][1], d.trainX(),
                    relabel(d.trainY(), d.classes(), classes[t]), d.testX(),
                    relabel(d.testY(), d.classes(), classes[t]), classes[t]);
        }
        assertEquals(Map.of(1, Set.of("[0, 2]")), distilledUnits(tasks, Scenario.TASK_INCREMENTAL));
    }

    /**
     * Class-incremental, one input x = 1 and four units: task 0 trained classes {0, 1}, task 1
     * brings class 2, class 3 is not seen yet. At task 1 only units 0 and 1 are distilled. With
     * T = 2 the previous network's logits (2 ln 3, 0, 5, -7) give p = softmax((ln 3, 0)) = (3/4,
     * 1/4); the current logits (0, 2 ln 3, 9, 1) give q = (1/4, 3/4), so the loss is
     * -(3/4 ln 1/4 + 1/4 ln 3/4) = 2 ln 2 - (ln 3) / 4 and the gradient (q - p) / T = (-1/4, 1/4)
     * on units 0 and 1, nothing on units 2 and 3. Distilling all four units (as before) would put
     * most of p on unit 2 (logit 5) and pull unit 2, which task 1 must learn, to the old network.
     */
    @Test
    void classIncrementalDistilsOnlyTheEarlierTasksClasses() {
        int[][] classes = {{0, 1}, {2}};
        // as the learner sees it: one shared head of every unit, and each task's classes
        ToyLinearModel shared = model(1, 4, 1, task -> new int[] {0, 1, 2, 3}, task -> classes[task].clone());
        float ln3 = (float) Math.log(3);
        System.arraycopy(new float[] {2 * ln3, 0, 5, -7}, 0, shared.w, 0, 4);
        SampleSet data = new ArraySamples(1, new float[][] {{1f}}, new int[] {2});
        Lwf lwf = new Lwf(new Lwf.Params(2, 1));
        lwf.beforeTask(new FixedTask(1, Scenario.CLASS_INCREMENTAL, 1, shared, shared, List.of(data, data)));
        Batch batch = new Batch(1, Scenario.CLASS_INCREMENTAL, 0, 0, data, new int[] {0});
        lwf.beforeBatch(batch);
        assertEquals(1, batch.distillationTargetCount(0));
        DistillationTarget t = batch.distillationTarget(0, 0);
        assertArrayEquals(new int[] {0, 1}, t.units());
        // 2 ln 3 is rounded to float once (relative 6e-8), the targets are floats: 1e-6
        assertEquals(0.75, t.probabilities()[0], 1e-6);
        assertEquals(0.25, t.probabilities()[1], 1e-6);
        float[] current = {0, 2 * ln3, 9, 1};
        assertEquals(2 * Math.log(2) - Math.log(3) / 4, t.loss(current), 1e-6);
        float[] grad = new float[4];
        t.addLogitGradient(current, grad);
        assertArrayEquals(new float[] {-0.25f, 0.25f, 0, 0}, grad, 1e-6f);
    }

    /**
     * Class-incremental through the learner (tasks {0, 1}, {2, 3}, {4, 5} over six units): task 1
     * distils units 0 and 1, task 2 units 0 to 3; no batch distils the current task's or unseen
     * classes' units.
     */
    @Test
    void classIncrementalLearnerDistilsTheClassesOfEarlierTasks() {
        assertEquals(Map.of(1, Set.of("[0, 1]"), 2, Set.of("[0, 1, 2, 3]")),
                distilledUnits(SplitPatterns.tasks(10, 5), Scenario.CLASS_INCREMENTAL));
    }

    /** A toy model whose tasks have the given heads and classes. */
    private static ToyLinearModel model(int inputs, int outputs, long seed, IntFunction<int[]> heads,
                                       IntFunction<int[]> classes) {
        return new ToyLinearModel(inputs, outputs, seed) {
            @Override
            public int[] headUnits(int task) {
                return heads.apply(task);
            }

            @Override
            public int[] classUnits(int task) {
                return classes.apply(task);
            }
        };
    }

    /**
     * Trains the tasks for one epoch each under LwF through the learner.
     *
     * @return per task, the unit lists of the distillation targets its batches carried
     */
    private static Map<Integer, Set<String>> distilledUnits(TaskData[] tasks, Scenario scenario) {
        Map<Integer, Set<String>> seen = new TreeMap<>();
        ContinualStrategy probe = new ContinualStrategy() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public void beforeBatch(BatchContext batch) {
                for (int i = 0; i < batch.ownSize(); i++) {
                    for (int k = 0; k < batch.distillationTargetCount(i); k++) {
                        seen.computeIfAbsent(batch.task(i), x -> new TreeSet<>())
                                .add(Arrays.toString(batch.distillationTarget(i, k).units()));
                    }
                }
            }
        };
        try (ContinualLearner learner = new ContinualLearner(ContinualLearnerTest.net(),
                org.engram.learning.encode.RateEncoder.bernoulli(5, 1.0), ContinualLearnerTest.options(1),
                Strategies.chain(new Lwf(Lwf.Params.defaults()), probe), scenario)) {
            for (TaskData task : tasks) {
                learner.startTask(task);
                learner.trainEpoch(0);
                learner.finishTask();
            }
        }
        return seen;
    }

    private static int[] relabel(int[] labels, int[] from, int[] to) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == from[0] ? to[0] : to[1];
        }
        return out;
    }

    /**
     * The loss is Li and Hoiem's L_old scaled by its lambda_o, without Hinton's T^2: soft targets
     * (1/2, 1/2) against equal logits cost ln 2 at any temperature, and the gradient is
     * (lambda_o / T)(q - p).
     */
    @Test
    void distillationLossIsThePapersCrossEntropy() {
        float[] p = {0.5f, 0.5f};
        for (double temperature : new double[] {1, 2, 5}) {
            DistillationTarget t = new DistillationTarget(p, new int[] {0, 1}, temperature, 1);
            assertEquals(Math.log(2), t.loss(new float[] {0, 0}), 1e-15);
            float[] grad = new float[2];
            t.addLogitGradient(new float[] {(float) (2 * temperature * Math.log(3)), 0}, grad);
            // z / T = (2 ln 3, 0): q = (9/10, 1/10), so (q - p) / T = (0.4, -0.4) / T
            assertEquals(0.4 / temperature, grad[0], 1e-6);
            assertEquals(-0.4 / temperature, grad[1], 1e-6);
        }
        assertEquals(3 * Math.log(2),
                new DistillationTarget(p, new int[] {0, 1}, 2, 3).loss(new float[] {0, 0}), 1e-15);
    }

    @Test
    void distillationTargetRejectsInfiniteTemperatureOrWeight() {
        // Both pass "> 0" / ">= 0", but an infinite weight times a zero cross-entropy is NaN, and an
        // infinite temperature would silently switch the term off.
        float[] p = {0.25f, 0.75f};
        assertEquals("temperature", assertThrows(ParameterException.class,
                () -> new DistillationTarget(p, new int[] {0, 1}, Double.POSITIVE_INFINITY, 1)).location());
        assertEquals("weight", assertThrows(ParameterException.class,
                () -> new DistillationTarget(p, new int[] {0, 1}, 2, Double.POSITIVE_INFINITY)).location());
        // a unit named twice would count twice in the softmax and get its gradient twice
        assertEquals("units", assertThrows(ParameterException.class,
                () -> new DistillationTarget(p, new int[] {1, 1}, 2, 1)).location());
    }

    /**
     * A term without targets or units, with a unit count other than the targets', with a negative unit,
     * or with a target outside [0, 1] is refused naming the field and the value found; a target outside
     * [0, 1] is named itself, not the one after it that makes the sum 1 again.
     */
    @Test
    void distillationTargetRefusesMissingPartsNegativeUnitsAndTargetsOutsideTheUnitInterval() {
        float[] p = {0.25f, 0.75f};
        for (float[] none : new float[][] {null, {}}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> new DistillationTarget(none, new int[0], 2, 1));
            assertEquals("probabilities", e.location());
            assertEquals("none", e.found());
        }
        ParameterException e = assertThrows(ParameterException.class, () -> new DistillationTarget(p, null, 2, 1));
        assertEquals("units", e.location());
        assertEquals("none", e.found());
        e = assertThrows(ParameterException.class, () -> new DistillationTarget(p, new int[] {0}, 2, 1));
        assertEquals("one unit per soft target (2)", e.expected());
        assertEquals("1", e.found());
        e = assertThrows(ParameterException.class, () -> new DistillationTarget(p, new int[] {0, -1}, 2, 1));
        assertEquals("units", e.location());
        assertEquals("indices >= 0", e.expected());
        assertEquals("-1", e.found());
        e = assertThrows(ParameterException.class,
                () -> new DistillationTarget(new float[] {1.5f, -0.5f}, new int[] {0, 1}, 2, 1));
        assertEquals("probabilities[0]", e.location());
        assertEquals("1.5", e.found());
        e = assertThrows(ParameterException.class,
                () -> new DistillationTarget(new float[] {-0.5f, 1.5f}, new int[] {0, 1}, 2, 1));
        assertEquals("probabilities[0]", e.location());
        assertEquals("-0.5", e.found());
    }

    /**
     * Soft targets and the loss stay finite where exp(z / T) overflows, as a softmax shifted by its
     * largest term does: logits (2000, 1998) at T = 2 are z / T = (1000, 999), whose softmax is
     * (1, e^-1) / (1 + e^-1); its cross-entropy against itself is its entropy. Soft targets (1, 0)
     * are probabilities too.
     */
    @Test
    void softTargetsAndLossAreFiniteForLogitsWhoseExponentialOverflows() {
        float[] logits = {2000, 1998};
        int[] units = {0, 1};
        double q = 1 / (1 + Math.exp(-1));
        float[] p = DistillationTarget.softTargets(logits, units, 2);
        assertArrayEquals(new float[] {(float) q, (float) (1 - q)}, p, 1e-7f);
        double entropy = -q * Math.log(q) - (1 - q) * Math.log(1 - q);
        // p is q rounded to float: the cross-entropy moves by about 6e-8 |log(q / (1 - q))| = 6e-8
        assertEquals(entropy, new DistillationTarget(p, units, 2, 1).loss(logits), 1e-6);
        assertEquals(-Math.log(q), new DistillationTarget(new float[] {1, 0}, units, 2, 1).loss(logits), 1e-12);
    }

    /**
     * A target marks its head's logits as reached by a loss gradient unless its weight is 0, where
     * LwF at alpha 0 leaves the old heads to the optimiser as naive training does.
     */
    @Test
    void aTargetMarksItsUnitsUnlessItsWeightIsZero() {
        float[] p = {0.25f, 0.75f};
        boolean[] reached = new boolean[4];
        new DistillationTarget(p, new int[] {1, 3}, 2, 0).markLogits(reached);
        assertArrayEquals(new boolean[4], reached);
        new DistillationTarget(p, new int[] {1, 3}, 2, 0.5).markLogits(reached);
        assertArrayEquals(new boolean[] {false, true, false, true}, reached);
    }
}
