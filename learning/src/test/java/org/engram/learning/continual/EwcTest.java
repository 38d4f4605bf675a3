package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

class EwcTest {
    /** Two layers: 1 x 3 and 1 x 2 weights. */
    private static StubModel model() {
        return new StubModel(new int[] {1, 1}, new int[] {3, 2});
    }

    private static final SampleSet TWO_SAMPLES = new ArraySamples(0, new float[2][1], new int[2]);

    private static TaskContext task(int t, StubModel m, double[][][] perSample) {
        return new FixedTask(t, Scenario.DOMAIN_INCREMENTAL, 1, m, new ScriptedOracle(perSample),
                List.of(TWO_SAMPLES, TWO_SAMPLES, TWO_SAMPLES));
    }

    @Test
    void penaltyGradientEqualsLambdaFisherTimesDisplacement() {
        StubModel m = model();
        Ewc ewc = new Ewc(new Ewc.Params(2, 2, Ewc.Fisher.EMPIRICAL));
        double[][][] g = {{{1, 2, 0}, {0.5, 0}}, {{3, 0, -2}, {1.5, 2}}};
        m.w[0] = new float[] {0.5f, -1, 2};
        m.w[1] = new float[] {1, 0};
        ewc.beforeTask(task(0, m, g));
        ewc.afterTask(task(0, m, g));
        // Fisher by hand: mean of squares, layer 0: (1+9)/2, (4+0)/2, (0+4)/2; layer 1: (0.25+2.25)/2, (0+4)/2
        assertArrayEquals(new double[] {5, 2, 2}, ewc.fisher(0, 0), 0);
        assertArrayEquals(new double[] {1.25, 2}, ewc.fisher(0, 1), 0);
        float[] theta0 = {1.5f, -1, 0};
        float[] grad0 = {0.1f, 0.2f, 0.3f};
        ewc.addPenaltyGradient(0, theta0, grad0);
        // 0.1 + 2*5*1, 0.2 + 0, 0.3 + 2*2*(-2); each a single float rounding of the exact value
        assertArrayEquals(new float[] {10.1f, 0.2f, -7.7f}, grad0, 1e-6f);
        float[] grad1 = new float[2];
        ewc.addPenaltyGradient(1, new float[] {0.5f, 3}, grad1);
        assertArrayEquals(new float[] {-1.25f, 12}, grad1, 0);
    }

    @Test
    void onlineFisherFollowsItsRecursionAndKeepsOneAnchor() {
        StubModel m = model();
        double gamma = 0.5;
        Ewc ewc = new Ewc(new Ewc.OnlineParams(1, gamma, 2, Ewc.Fisher.EMPIRICAL));
        double[][][][] tasks = {
            {{{1, 0, 0}, {1, 1}}, {{1, 0, 0}, {1, 1}}},
            {{{0, 2, 0}, {2, 0}}, {{0, 2, 0}, {0, 0}}},
            {{{0, 0, 3}, {0, 4}}, {{2, 0, 1}, {0, 0}}}};
        double[][] expected0 = new double[3][];
        double[] f = new double[3];
        double[] f1 = new double[2];
        for (int t = 0; t < 3; t++) {
            m.w[0] = new float[] {t, t, t};
            m.w[1] = new float[] {t, -t};
            ewc.beforeTask(task(t, m, tasks[t]));
            ewc.afterTask(task(t, m, tasks[t]));
            for (int k = 0; k < 3; k++) {
                double a = tasks[t][0][0][k];
                double b = tasks[t][1][0][k];
                f[k] = gamma * f[k] + (a * a + b * b) / 2;
            }
            for (int k = 0; k < 2; k++) {
                double a = tasks[t][0][1][k];
                double b = tasks[t][1][1][k];
                f1[k] = gamma * f1[k] + (a * a + b * b) / 2;
            }
            expected0[t] = f.clone();
            assertArrayEquals(f, ewc.fisher(0, 0), 1e-15, "layer 0 after task " + t);
            assertArrayEquals(f1, ewc.fisher(0, 1), 1e-15, "layer 1 after task " + t);
            assertEquals(1, ewc.anchorCount());
        }
        // by hand: F1 = (1, 0, 0), F2 = (0, 4, 0), F3 = (2, 0, 5); 0.25 F1 + 0.5 F2 + F3 = (2.25, 2, 5)
        assertArrayEquals(new double[] {2.25, 2, 5}, expected0[2], 1e-15);
        float[] grad = new float[3];
        ewc.addPenaltyGradient(0, new float[] {3, 2, 2}, grad);
        // the single anchor is the last task's weights (2, 2, 2); the penalty weighs F* by gamma, as
        // Schwarz et al. (2018) write it: lambda gamma F* (w - w*) = 1 * 0.5 * 2.25 * 1
        assertArrayEquals(new float[] {1.125f, 0, 0}, grad, 0);
    }

    @Test
    void separateModeAddsOnePenaltyPerTask() {
        StubModel m = model();
        Ewc ewc = new Ewc(new Ewc.Params(1, 2, Ewc.Fisher.EMPIRICAL));
        double[][][] g = {{{1, 1, 1}, {1, 1}}, {{1, 1, 1}, {1, 1}}};
        m.w[0] = new float[] {0, 0, 0};
        ewc.afterTask(task(0, m, g));
        m.w[0] = new float[] {1, 1, 1};
        ewc.afterTask(task(1, m, g));
        assertEquals(2, ewc.anchorCount());
        float[] grad = new float[3];
        ewc.addPenaltyGradient(0, new float[] {2, 0, 1}, grad);
        // F = 1 for both anchors: (2 - 0) + (2 - 1), (0 - 0) + (0 - 1), (1 - 0) + (1 - 1)
        assertArrayEquals(new float[] {3, -1, 1}, grad, 0);
    }

    /**
     * Reading a state replaces the anchors the strategy held: an EWC of two anchors (F = 1 at 0 and
     * at 1) that reads the state of one anchor (F = 2 at 0) pulls as that one does, 2 (w - 0).
     */
    @Test
    void readingAStateReplacesTheAnchorsHeld() {
        StubModel m = model();
        double[][][] ones = {{{1, 1, 1}, {1, 1}}, {{1, 1, 1}, {1, 1}}};
        Ewc held = new Ewc(new Ewc.Params(1, 2, Ewc.Fisher.EMPIRICAL));
        m.w[0] = new float[] {0, 0, 0};
        held.afterTask(task(0, m, ones));
        m.w[0] = new float[] {1, 1, 1};
        held.afterTask(task(1, m, ones));
        Ewc saved = new Ewc(new Ewc.Params(1, 2, Ewc.Fisher.EMPIRICAL));
        m.w[0] = new float[] {0, 0, 0};
        double[][][] roots = {{{Math.sqrt(2), 0, 2}, {0, 0}}, {{Math.sqrt(2), 2, 0}, {0, 0}}};
        saved.afterTask(task(0, m, roots));
        StrategyState.restore(StrategyState.bytes(saved, "ewc"), held, "ewc");
        assertEquals(1, held.anchorCount());
        float[] grad = new float[3];
        held.addPenaltyGradient(0, new float[] {2, 0, 1}, grad);
        // F = (2, 2, 2) up to the rounding of sqrt(2)^2: 2 (2, 0, 1) in float
        assertArrayEquals(new float[] {4, 0, 2}, grad, 1e-6f);
    }

    /**
     * A damaged state, whose Fisher is shorter than its anchor, is refused with where: the strategy's name
     * (each mode its own) and the row.
     */
    @Test
    void aStateWhoseFisherIsShorterThanItsAnchorIsRefusedByName() throws IOException {
        for (Ewc ewc : List.of(new Ewc(Ewc.Params.defaults()), new Ewc(Ewc.OnlineParams.defaults()))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            StateCodec.writeHeader(out, ewc.name(), 1);
            out.writeInt(1);
            new QuadraticAnchor(new double[][] {{1}}, new float[][] {{1, 2}}).write(out);
            EngramException e = assertThrows(EngramException.class,
                    () -> ewc.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
            assertEquals(ewc.name() + ".importance[0] length", e.location(), e.getMessage());
            assertEquals(0, ewc.anchorCount(), "nothing was taken from the refused state");
        }
    }

    /**
     * An oracle whose logits are given per sample and whose per-sample loss gradient reads the label it is
     * given: 1 on the weight of the label's readout unit in layer 1, 0 elsewhere, so the mean square of a
     * weight is the fraction of the samples labelled with its unit.
     */
    private record LabelOracle(java.util.function.IntFunction<float[]> logits) implements GradientOracle {
        @Override
        public void gradients(Objective objective, Reduction reduction, SampleSet data, int[] samples,
                              double[][] out) {
            java.util.Arrays.fill(out[0], 0);
            java.util.Arrays.fill(out[1], 0);
            for (int s : samples) {
                out[1][data.label(s)] += 1.0 / samples.length;
            }
        }

        @Override
        public void outputs(SampleSet data, int sample, float[] out) {
            System.arraycopy(logits.apply(sample), 0, out, 0, out.length);
        }

        @Override
        public List<LayerActivity> activities(SampleSet data, int[] samples) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    /** The Fisher of layer 1 (three readout units) after one task of these samples and logits. */
    private static double[] readoutFisher(Ewc.Fisher kind, Scenario scenario, long seed, int[] labels,
                                          java.util.function.IntFunction<float[]> logits) {
        StubModel m = new StubModel(new int[] {1, 1}, new int[] {3, 3}, t -> new int[] {0, 1});
        SampleSet data = new ArraySamples(0, new float[labels.length][1], labels);
        Ewc ewc = new Ewc(new Ewc.Params(1, labels.length, kind));
        TaskContext task = new FixedTask(0, scenario, seed, m, new LabelOracle(logits), List.of(data));
        ewc.beforeTask(task);
        ewc.afterTask(task);
        return ewc.fisher(0, 1);
    }

    /**
     * Where the network is certain of each sample's true label (a logit 1000 above the others, whose
     * softmax weights exp(-1000) are 0 in double), the sampled Fisher draws the true labels and equals
     * the empirical one: labels 0, 1, 2, 0, 1, 2, 0, 1 give fractions 3/8, 3/8, 2/8.
     */
    @Test
    void sampledFisherIsTheEmpiricalOneWhereTheNetworkIsCertain() {
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        java.util.function.IntFunction<float[]> certain = s -> {
            float[] z = new float[3];
            z[labels[s]] = 1000;
            return z;
        };
        double[] empirical = readoutFisher(Ewc.Fisher.EMPIRICAL, Scenario.DOMAIN_INCREMENTAL, 1, labels, certain);
        assertArrayEquals(new double[] {3.0 / 8, 3.0 / 8, 2.0 / 8}, empirical, 1e-15);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(empirical, readoutFisher(Ewc.Fisher.SAMPLED, Scenario.DOMAIN_INCREMENTAL, seed,
                    labels, certain), 0);
        }
    }

    /**
     * A prediction uniform over the units the loss runs over (units 0 and 1: class-incremental, the first
     * task's classes; unit 2, not yet seen, has the largest logit and must never be drawn) gives each unit
     * its expected share, 1/2, whatever the true labels (all 0, which the empirical Fisher gives all to
     * unit 0). With N = 4000 draws the share's sd is sqrt(1/4 / 4000) = 0.0079; 5 sd, 0.04, fails by
     * chance with probability 6e-7. The same seed draws the same labels.
     */
    @Test
    void sampledFisherOfAUniformPredictionIsItsExpectation() {
        int[] labels = new int[4000];
        java.util.function.IntFunction<float[]> uniform = s -> new float[] {0.5f, 0.5f, 1000};
        double[] sampled = readoutFisher(Ewc.Fisher.SAMPLED, Scenario.CLASS_INCREMENTAL, 3, labels, uniform);
        assertEquals(0, sampled[2], 0);
        assertEquals(1, sampled[0] + sampled[1], 1e-12);
        assertEquals(0.5, sampled[0], 0.04);
        assertArrayEquals(sampled, readoutFisher(Ewc.Fisher.SAMPLED, Scenario.CLASS_INCREMENTAL, 3, labels,
                uniform), 0);
        assertArrayEquals(new double[] {1, 0, 0},
                readoutFisher(Ewc.Fisher.EMPIRICAL, Scenario.CLASS_INCREMENTAL, 3, labels, uniform), 1e-12);
    }

    @Test
    void ewcKeepsOldTaskLossLowerThanNaive() {
        int n = 10;
        // both tasks use the same input subspace with different class means: they conflict
        float[][] shared = ToyData.randomRows(4, n, 1);
        List<SampleSet> tasks = List.of(
                ToyData.nearSubspace(0, shared, 3, 150, 0.1, 2),
                ToyData.nearSubspace(1, shared, 3, 150, 0.1, 4));
        double naive = oldLossAfterSecondTask(new Naive(), tasks, n);
        double ewc = oldLossAfterSecondTask(new Ewc(new Ewc.Params(200, 150, Ewc.Fisher.EMPIRICAL)), tasks, n);
        assertTrue(ewc < 0.8 * naive, "old-task loss: ewc " + ewc + ", naive " + naive);
    }

    private static double oldLossAfterSecondTask(ContinualStrategy s, List<SampleSet> tasks, int n) {
        ToyLinearModel model = new ToyLinearModel(n, 3, 7);
        ToyTrainer trainer = new ToyTrainer(model, s, tasks, Scenario.DOMAIN_INCREMENTAL, 1);
        trainer.learningRate = 0.1;
        trainer.runAll();
        return model.loss(tasks.get(0));
    }
}
