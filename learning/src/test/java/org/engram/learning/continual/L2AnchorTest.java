package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class L2AnchorTest {
    @Test
    void penaltyPullsTowardsPreviousTaskWeightsOnly() {
        StubModel m = new StubModel(new int[] {1}, new int[] {3});
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(0.5));
        float[] grad = {1, 1, 1};
        l2.addPenaltyGradient(0, new float[] {5, 5, 5}, grad);
        assertArrayEquals(new float[] {1, 1, 1}, grad, 0, "no anchor during the first task");
        m.w[0] = new float[] {1, -2, 0.5f};
        l2.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        m.w[0] = new float[] {3, -2, -1.5f};
        grad = new float[3];
        l2.addPenaltyGradient(0, m.w[0], grad);
        assertArrayEquals(new float[] {1, 0, -1}, grad, 0);
    }

    /**
     * The readout columns of units no finished task trained (here the second task's head, units 2
     * and 3) are not pulled towards their random initial weights; the first task's head and the
     * hidden layer are.
     */
    @Test
    void untrainedReadoutColumnsAreNotPulled() {
        ModelView heads = new StubModel(new int[] {1, 2}, new int[] {2, 4},
                task -> task == 0 ? new int[] {0, 1} : new int[] {2, 3});
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(1));
        l2.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, heads, null, List.of()));
        float[] moved = {1, 1, 1, 1, 1, 1, 1, 1};   // two inputs x four readout units, row by row
        float[] grad = new float[8];
        l2.addPenaltyGradient(1, moved, grad);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, grad, 0);
        grad = new float[2];
        l2.addPenaltyGradient(0, new float[] {1, 1}, grad);
        assertArrayEquals(new float[] {1, 1}, grad, 0, "hidden weights are all pulled");
        l2.afterTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, heads, null, List.of()));
        grad = new float[8];
        l2.addPenaltyGradient(1, new float[] {2, 2, 2, 2, 2, 2, 2, 2}, grad);
        assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2, 2, 2}, grad, 0, "after the second task both heads are");
    }

    /**
     * A run that began before untrained columns were left out resumes as it began: a version-1
     * state makes every later anchor pull every weight, and the state written says so.
     */
    @Test
    void aRunResumedFromAVersionOneStateGoesOnPullingEveryWeight() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        org.engram.learning.io.StateCodec.writeHeader(out, "l2", 1);
        out.writeBoolean(true);
        new QuadraticAnchor(null, new float[][] {new float[2], new float[8]}).write(out);
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(1));
        l2.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        ModelView firstHead = new StubModel(new int[] {1, 2}, new int[] {2, 4}, task -> new int[] {0, 1});
        l2.afterTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, firstHead, null, List.of()));
        float[] grad = new float[8];
        l2.addPenaltyGradient(1, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad, 0, "every column, as version 1 pulled");
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        l2.writeState(new java.io.DataOutputStream(again));
        L2Anchor resumed = new L2Anchor(new L2Anchor.Params(1));
        resumed.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(again.toByteArray())));
        resumed.afterTask(new FixedTask(2, Scenario.TASK_INCREMENTAL, 1, firstHead, null, List.of()));
        grad = new float[8];
        resumed.addPenaltyGradient(1, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad, 0, "still, after a version-2 state of it");
    }

    /** A version-2 state (masked anchors, written before the state recorded the rule) is read as one. */
    @Test
    void aVersionTwoStateIsReadWithItsMaskedAnchor() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        org.engram.learning.io.StateCodec.writeHeader(out, "l2", 2);
        out.writeBoolean(true);
        new QuadraticAnchor(new double[][] {{1, 1}, {1, 1, 0, 0, 1, 1, 0, 0}},
                new float[][] {new float[2], new float[8]}).write(out);
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(1));
        l2.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        float[] grad = new float[8];
        l2.addPenaltyGradient(1, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, grad, 0, "the anchor as written");
        ModelView heads = new StubModel(new int[] {1, 2}, new int[] {2, 4}, task -> new int[] {0, 1});
        l2.afterTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, heads, null, List.of()));
        grad = new float[8];
        l2.addPenaltyGradient(1, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, grad, 0, "and later anchors masked too");
    }
}
