package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ImportanceGatingTest {
    @Test
    void learningRateFactorIsOneOverOnePlusCTimesEarlierAbsoluteChanges() {
        StubModel m = new StubModel(new int[] {1}, new int[] {3});
        ImportanceGating gate = new ImportanceGating(new ImportanceGating.Params(2));
        gate.beforeTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        assertEquals(1f, gate.learningRateFactor(0, 1), 0, "no importance during the first task");
        for (int b = 0; b < 2; b++) {
            float[] update = {0.1f, -0.2f, 0};
            gate.transformUpdate(0, update, null);
            assertArrayEquals(new float[] {0.1f, -0.2f, 0}, update, 0);
            gate.afterBatch(null);
        }
        gate.recordChange(0, 2, -0.05);
        gate.afterTask(new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        // I = (|0.1| + |0.1|, |-0.2| + |-0.2|, |-0.05|) = (0.2, 0.4, 0.05) up to float inputs
        assertArrayEquals(new double[] {0.2, 0.4, 0.05}, gate.importance(0), 1e-8);
        gate.beforeTask(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, m, null, List.of()));
        float[] expected = {(float) (1 / 1.4), (float) (1 / 1.8), (float) (1 / 1.1)};
        for (int s = 0; s < 3; s++) {
            assertEquals(expected[s], gate.learningRateFactor(0, s), 1e-7);
        }
        float[] update = {1, 1, -1};
        gate.transformUpdate(0, update, null);
        assertArrayEquals(new float[] {expected[0], expected[1], -expected[2]}, update, 1e-7f);
    }

    /**
     * In a chain, the importance is the change applied, after the members that follow have changed
     * the update (a projection, here one that halves the first synapse's and removes the second's).
     * It used to be the update as the gate left it.
     */
    @Test
    void importanceIsTheChangeAppliedAfterLaterMembersOfAChain() {
        StubModel m = new StubModel(new int[] {1}, new int[] {3});
        ImportanceGating gate = new ImportanceGating(new ImportanceGating.Params(2));
        ContinualStrategy projection = new ContinualStrategy() {
            @Override
            public String name() {
                return "projection";
            }

            @Override
            public void transformUpdate(int layer, float[] update, LayerActivity act) {
                update[0] *= 0.5f;
                update[1] = 0;
            }
        };
        ContinualStrategy chain = Strategies.chain(gate, projection);
        FixedTask task = new FixedTask(0, Scenario.TASK_INCREMENTAL, 1, m, null, List.of());
        chain.beforeTask(task);
        float[] update = {0.2f, -0.4f, 0.1f};
        chain.transformUpdate(0, update, null);
        chain.afterBatch(null);
        chain.afterTask(task);
        assertArrayEquals(new double[] {0.1, 0, 0.1}, gate.importance(0), 1e-8);
    }

    /**
     * Importance read from a checkpoint must fit the network whose task starts: another synapse count
     * or another layer count is refused by name.
     */
    @Test
    void importanceForAnotherNetworkShapeIsRefusedAtTaskStart() {
        ImportanceGating saved = new ImportanceGating(ImportanceGating.Params.defaults());
        saved.startTask(new StubModel(new int[] {1}, new int[] {3}));
        ImportanceGating read = new ImportanceGating(ImportanceGating.Params.defaults());
        StrategyState.restore(StrategyState.bytes(saved, "gate"), read, "gate");
        EngramException e = assertThrows(EngramException.class,
                () -> read.startTask(new StubModel(new int[] {1}, new int[] {4})));
        assertEquals("importance_gating.layer 0 synapse count", e.location(), e.getMessage());
        StubModel twoLayers = new StubModel(new int[] {1, 3}, new int[] {3, 1});
        e = assertThrows(EngramException.class, () -> read.startTask(twoLayers));
        assertEquals("importance_gating.layer count", e.location(), e.getMessage());
    }

    /**
     * The state of a gate that no task has started holds no importance; a gate that reads it forgets
     * the importance it had gathered, and the next task learns at the full rate everywhere.
     */
    @Test
    void aStateWithoutImportanceClearsTheImportanceHeld() {
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        ImportanceGating gate = new ImportanceGating(new ImportanceGating.Params(1));
        gate.startTask(m);
        gate.recordChange(0, 1, 3);
        gate.finishTask();
        gate.startTask(m);
        assertEquals(0.25f, gate.learningRateFactor(0, 1), 0, "1 / (1 + 1 * 3) before the state is read");
        ImportanceGating fresh = new ImportanceGating(new ImportanceGating.Params(1));
        StrategyState.restore(StrategyState.bytes(fresh, "gate"), gate, "gate");
        gate.startTask(m);
        assertEquals(1f, gate.learningRateFactor(0, 0), 0);
        assertEquals(1f, gate.learningRateFactor(0, 1), 0);
        assertArrayEquals(new double[2], gate.importance(0), 0);
    }

    /**
     * A batch gathers |update| only in the layers it updated: the first batch updates both layers, the
     * second only layer 0, so layer 1 keeps the first batch's 0.125 and layer 0 gathers (0.5 + 0.5,
     * 0.25 + 0).
     */
    @Test
    void aBatchGathersImportanceOnlyInTheLayersItUpdated() {
        StubModel m = new StubModel(new int[] {1, 1}, new int[] {2, 1});
        ImportanceGating gate = new ImportanceGating(new ImportanceGating.Params(1));
        gate.startTask(m);
        gate.transformUpdate(0, new float[] {0.5f, -0.25f}, null);
        gate.transformUpdate(1, new float[] {0.125f}, null);
        gate.afterBatch(null);
        gate.transformUpdate(0, new float[] {-0.5f, 0}, null);
        gate.afterBatch(null);
        gate.finishTask();
        assertArrayEquals(new double[] {1, 0.25}, gate.importance(0), 0);
        assertArrayEquals(new double[] {0.125}, gate.importance(1), 0);
    }

    /** A state with a missing layer of importance, the first or a later one, is refused by name. */
    @Test
    void aStateWithAMissingLayerIsRefused() throws IOException {
        double[][][] damaged = {{null, {1, 2}}, {{1, 2}, null}};
        for (int missing = 0; missing < 2; missing++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            StateCodec.writeHeader(out, ImportanceGating.NAME, 1);
            out.writeBoolean(true);
            StateCodec.writeDoubles(out, damaged[missing]);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
            ImportanceGating gate = new ImportanceGating(ImportanceGating.Params.defaults());
            assertEquals("importance_gating.importance[" + missing + "]", assertThrows(EngramException.class,
                    () -> gate.readState(in)).location());
        }
    }

    /**
     * A task's changes are added to the importance once: {@link ImportanceGating#finishTask}, public for
     * learners without a trainer, may be called again before the next task starts and adds nothing then.
     */
    @Test
    void finishingATaskTwiceAddsItsChangesOnce() {
        StubModel m = new StubModel(new int[] {1}, new int[] {2});
        ImportanceGating gate = new ImportanceGating(new ImportanceGating.Params(1));
        gate.startTask(m);
        gate.recordChange(0, 0, -0.5);
        gate.recordChange(0, 1, 0.25);
        gate.finishTask();
        gate.finishTask();
        assertArrayEquals(new double[] {0.5, 0.25}, gate.importance(0), 0);
    }
}
