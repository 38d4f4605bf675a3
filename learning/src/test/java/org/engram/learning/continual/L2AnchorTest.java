package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.engram.learning.io.StateCodec;
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
     * A head other than the first one's: after a first task that trains readout units 2 and 3 only,
     * units 0 and 1 (the first columns of each row) are left free, the others pulled.
     */
    @Test
    void aFirstTaskOfTheLaterUnitsLeavesTheFirstUnitsFree() {
        ModelView heads = new StubModel(new int[] {1, 2}, new int[] {2, 4},
                task -> task == 0 ? new int[] {2, 3} : new int[] {0, 1});
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(1));
        l2.afterTask(new FixedTask(0, Scenario.CLASS_INCREMENTAL, 1, heads, null, List.of()));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, readoutPull(l2), 0);
    }

    /**
     * The pull of an anchor without per-weight importance (a version-1 state's), by hand:
     * lambda (theta - theta*) = 0.5 * (3 - 2), 0.5 * (1 - (-1)), 0.5 * (-4 - 0).
     */
    @Test
    void anAnchorWithoutImportancePullsByLambdaTimesTheDisplacement() throws IOException {
        byte[] state = olderState(1, new QuadraticAnchor(null, new float[][] {{2, -1, 0}}));
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(0.5));
        l2.readState(new DataInputStream(new ByteArrayInputStream(state)));
        float[] grad = {0, 0, 1};
        l2.addPenaltyGradient(0, new float[] {3, 1, -4}, grad);
        assertArrayEquals(new float[] {0.5f, 1, -1}, grad, 0);
    }

    /**
     * A run that began before untrained columns were left out resumes as it began: a version-1
     * state makes every later anchor pull every weight, and the state written says so.
     */
    @Test
    void aRunResumedFromAVersionOneStateGoesOnPullingEveryWeight() throws IOException {
        L2Anchor l2 = readBack(olderState(1, new QuadraticAnchor(null, new float[][] {new float[2], new float[8]})));
        l2.afterTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, firstHeadOnly(), null, List.of()));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, readoutPull(l2), 0,
                "every column, as version 1 pulled");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        l2.writeState(new DataOutputStream(again));
        L2Anchor resumed = readBack(again.toByteArray());
        resumed.afterTask(new FixedTask(2, Scenario.TASK_INCREMENTAL, 1, firstHeadOnly(), null, List.of()));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, readoutPull(resumed), 0,
                "still, after a later state of it");
    }

    /** A version-2 state (masked anchors, written before the state recorded the rule) is read as one. */
    @Test
    void aVersionTwoStateIsReadWithItsMaskedAnchor() throws IOException {
        L2Anchor l2 = readBack(olderState(2, new QuadraticAnchor(new double[][] {{1, 1}, {1, 1, 0, 0, 1, 1, 0, 0}},
                new float[][] {new float[2], new float[8]})));
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, readoutPull(l2), 0, "the anchor as written");
        l2.afterTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, firstHeadOnly(), null, List.of()));
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 0, 0}, readoutPull(l2), 0, "and later anchors masked too");
    }

    /** A model of zero weights, 1 input x 2 hidden x 4 readout units, whose tasks all train units 0 and 1. */
    private static ModelView firstHeadOnly() {
        return new StubModel(new int[] {1, 2}, new int[] {2, 4}, task -> new int[] {0, 1});
    }

    /** A state as an older version wrote it: the header, that an anchor follows, the anchor. */
    private static byte[] olderState(int version, QuadraticAnchor anchor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateCodec.writeHeader(out, "l2", version);
        out.writeBoolean(true);
        anchor.write(out);
        return bytes.toByteArray();
    }

    private static L2Anchor readBack(byte[] state) throws IOException {
        L2Anchor l2 = new L2Anchor(new L2Anchor.Params(1));
        l2.readState(new DataInputStream(new ByteArrayInputStream(state)));
        return l2;
    }

    /** The penalty gradient on the readout weights (2 x 4) when every one of them is 1. */
    private static float[] readoutPull(L2Anchor l2) {
        float[] grad = new float[8];
        l2.addPenaltyGradient(1, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, grad);
        return grad;
    }
}
