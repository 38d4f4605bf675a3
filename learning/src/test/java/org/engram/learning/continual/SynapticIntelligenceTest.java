package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.engram.learning.io.StateCodec;
import org.engram.simulator.EngramException;
import org.junit.jupiter.api.Test;

class SynapticIntelligenceTest {
    @Test
    void importanceEqualsPathIntegralOnQuadraticWithKnownTrajectory() {
        // Loss L = sum_k a_k theta_k^2 / 2, gradient descent with rate eta from theta = 1:
        // theta_k(t) = r_k^t with r_k = 1 - eta a_k, g_k(t) = a_k r_k^t, step -eta g_k(t), so the path
        // integral is sum_t eta a_k^2 r_k^(2t) = eta a_k^2 (1 - r_k^(2T)) / (1 - r_k^2) and
        // Delta_k = r_k^T - 1. With eta = 0.5, a = (1, 0.5): r = (0.5, 0.75), all iterates exact in float.
        double eta = 0.5;
        double[] a = {1, 0.5};
        int steps = 10;
        double xi = 1e-3;
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        m.w[0] = new float[] {1, 1};
        SampleSet data = new ArraySamples(0, new float[1][1], new int[1]);
        TaskContext ctx = new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of(data));
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(0.7, xi));
        assertNull(si.importance(0));
        si.beforeTask(ctx);
        for (int t = 0; t < steps; t++) {
            Batch batch = new Batch(0, Scenario.TASK_INCREMENTAL, 0, t, data, new int[] {0});
            si.beforeBatch(batch);
            float[] g = {(float) (a[0] * m.w[0][0]), (float) (a[1] * m.w[0][1])};
            batch.setLossGradient(new float[][] {g});
            for (int k = 0; k < 2; k++) {
                m.w[0][k] -= (float) (eta * g[k]);
            }
            si.afterBatch(batch);
        }
        si.afterTask(ctx);
        double[] expected = new double[2];
        for (int k = 0; k < 2; k++) {
            double r = 1 - eta * a[k];
            double path = eta * a[k] * a[k] * (1 - Math.pow(r, 2 * steps)) / (1 - r * r);
            double delta = Math.pow(r, steps) - 1;
            expected[k] = path / (delta * delta + xi);
            assertEquals(Math.pow(r, steps), m.w[0][k], 0, "trajectory is exact in float");
        }
        // Every product and difference is exact in double; only the sum of ten terms rounds: 1e-14.
        assertArrayEquals(expected, si.importance(0), 1e-14 * expected[0]);

        // Penalty in the next task, Zenke et al. eq. 4: c sum Omega (theta - theta*)^2 with
        // theta* = theta(T), whose gradient is 2 c Omega (theta - theta*).
        si.beforeTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, m, null, List.of(data, data)));
        float[] theta = {m.w[0][0] + 1, m.w[0][1] - 2};
        float[] grad = new float[2];
        si.addPenaltyGradient(0, theta, grad);
        assertArrayEquals(new float[] {(float) (1.4 * expected[0]), (float) (-2.8 * expected[1])}, grad, 1e-6f);
    }

    /**
     * Omega is clipped at 0 after each task, as in Zenke et al.'s code (relu of the running sum).
     * One step per task, xi = 1e-3, weights A and B start at 1; path integral -g * step:
     * task 0: A has g = 1 and steps +0.5 (against its gradient): -0.5 / (0.25 + xi) < 0, clipped to
     * 0; B has g = 1 and steps -0.5: Omega_B = 0.5 / 0.251. Task 1: A has g = 2 and steps -0.5:
     * Omega_A = 0 + 1 / 0.251 (added to the clipped 0, not to -0.5 / 0.251); B has g = 1 and steps
     * +1: Omega_B = 0.5 / 0.251 - 1 / 1.001, still positive, so kept (the clip is of the sum, not of
     * each task's term). Without the clip, task 0 would leave Omega_A < 0 and the penalty gradient
     * would push A away from its anchor.
     */
    @Test
    void importanceIsClippedAtZeroAfterEachTask() {
        double xi = 1e-3;
        double c = 0.7;
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        m.w[0] = new float[] {1, 1};
        SampleSet data = new ArraySamples(0, new float[1][1], new int[1]);
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(c, xi));

        step(si, m, data, 0, new float[] {1, 1}, new float[] {0.5f, -0.5f});
        double omegaB = 0.5 / (0.25 + xi);
        // one quotient of exact operands: rounding 1e-16 relative
        assertArrayEquals(new double[] {0, omegaB}, si.importance(0), 1e-15);
        float[] anchor = m.w[0].clone();
        si.beforeTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, m, null, List.of(data, data)));
        float[] grad = new float[2];
        si.addPenaltyGradient(0, new float[] {anchor[0] + 1, anchor[1] + 1}, grad);
        assertEquals(0f, grad[0], 0, "a weight of negative path integral is not pushed away from its anchor");
        // 2 c Omega_B rounded to float once: relative 6e-8
        assertEquals(2 * c * omegaB, grad[1], 1e-6);

        step(si, m, data, 1, new float[] {2, 1}, new float[] {-0.5f, 1f});
        // a sum of two exact quotients: rounding 1e-15 relative
        assertArrayEquals(new double[] {1 / (0.25 + xi), omegaB - 1 / (1 + xi)}, si.importance(0), 1e-14);
    }

    /**
     * The path integral restarts once a task's importance is taken ({@code w_k <- 0}): a second afterTask
     * before the next task adds nothing. One step, g = 1 on both weights: A steps -0.5, Omega_A = 0.5 /
     * (0.25 + xi); B steps +0.5, against its gradient, and is clipped to 0.
     */
    @Test
    void endingATaskTwiceAddsItsImportanceOnce() {
        double xi = 1e-3;
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        m.w[0] = new float[] {1, 1};
        SampleSet data = new ArraySamples(0, new float[1][1], new int[1]);
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(0.7, xi));
        step(si, m, data, 0, new float[] {1, 1}, new float[] {-0.5f, 0.5f});
        si.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of(data)));
        // one quotient of exact operands: rounding 1e-16 relative
        assertArrayEquals(new double[] {0.5 / (0.25 + xi), 0}, si.importance(0), 1e-15);
    }

    @Test
    void aStateSavedBeforeTheClipIsClippedWhenRead() throws IOException {
        // The format written field by field, as a run saved before Omega was clipped left it.
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(0.7, 1e-3));
        si.readState(state(new double[] {-0.5, 2.0, -0.0}));
        assertArrayEquals(new double[] {0, 2.0, 0}, si.importance(0), 0);
    }

    @Test
    void aStateWithANanImportanceIsRefused() throws IOException {
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(0.7, 1e-3));
        EngramException e = assertThrows(EngramException.class, () -> si.readState(state(new double[] {2.0,
                Double.NaN})));
        assertEquals("si.omega[0][1]", e.location(), e.getMessage());
        assertNull(si.importance(0), "nothing was taken from the refused state");
    }

    @Test
    void aStateWhoseImportanceIsShorterThanItsAnchorIsRefused() throws IOException {
        SynapticIntelligence si = new SynapticIntelligence(new SynapticIntelligence.Params(0.7, 1e-3));
        EngramException e = assertThrows(EngramException.class, () -> si.readState(state(new double[] {2.0}, 3)));
        assertEquals("si.importance[0] length", e.location(), e.getMessage());
        assertNull(si.importance(0), "nothing was taken from the refused state");
    }

    /** A state of one layer with the given importance and anchor weights 1, 2, ... */
    private static DataInputStream state(double[] omega) throws IOException {
        return state(omega, omega.length);
    }

    /** A state of one layer with the given importance and {@code anchorLength} anchor weights 1, 2, ... */
    private static DataInputStream state(double[] omega, int anchorLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, SynapticIntelligence.NAME, 1);
        out.writeBoolean(true);
        StateCodec.writeDoubles(out, new double[][] {omega});
        float[] anchor = new float[anchorLength];
        for (int k = 0; k < anchor.length; k++) {
            anchor[k] = k + 1;
        }
        StateCodec.writeFloats(out, new float[][] {anchor});
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Runs task {@code task} as one batch of the given loss gradient and weight change. */
    private static void step(SynapticIntelligence si, StubModel m, SampleSet data, int task, float[] g, float[] dw) {
        List<SampleSet> tasks = java.util.Collections.nCopies(task + 1, data);
        TaskContext ctx = new FixedTask(task, Scenario.TASK_INCREMENTAL, 1, m, null, tasks);
        si.beforeTask(ctx);
        Batch batch = new Batch(task, Scenario.TASK_INCREMENTAL, 0, 0, data, new int[] {0});
        si.beforeBatch(batch);
        batch.setLossGradient(new float[][] {g});
        for (int k = 0; k < dw.length; k++) {
            m.w[0][k] += dw[k];
        }
        si.afterBatch(batch);
        si.afterTask(ctx);
    }
}
