package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntConsumer;
import org.engram.simulator.ParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What strategies append to a batch keeps its place, label, task and weights however far the batch grows. */
class BatchTest {
    /** A batch of two own samples of task 1: inputs of one value, labels 2 and 3, indices 1 and 0 of the data. */
    private static Batch twoOwnSamples() {
        SampleSet data = new ArraySamples(1, new float[][] {{0f}, {1f}}, new int[] {2, 3});
        return new Batch(1, Scenario.TASK_INCREMENTAL, 0, 0, data, new int[] {1, 0});
    }

    @Test
    void samplesAppendedPastTheFirstRoomKeepTheirOwnEntries() {
        Batch batch = twoOwnSamples();
        // Room is made for 4 samples at first, then doubled: 7 appended in the mean fill positions 2 to 8.
        for (int k = 0; k < 7; k++) {
            batch.append(new float[] {0.5f}, k, k % 2);
        }
        LogitMatch match = new LogitMatch(new float[] {1f}, new int[] {0}, 2.0);
        batch.appendOutsideMean(new float[] {0.5f}, 9, 0, 0.25, match);
        assertEquals(10, batch.size());
        assertEquals(2, batch.ownSize());
        assertEquals(3, batch.label(0));
        assertEquals(1, batch.sampleIndex(0));
        assertEquals(0, batch.sampleIndex(1));
        for (int i = 2; i < 9; i++) {
            assertEquals(i - 2, batch.label(i), "position " + i);
            assertEquals((i - 2) % 2, batch.task(i), "position " + i);
            assertEquals(-1, batch.sampleIndex(i), "position " + i);
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(1f, batch.classWeight(i), "position " + i + " weighs 1 in the mean");
            assertFalse(batch.outsideMean(i), "position " + i);
            assertNull(batch.logitMatch(i), "position " + i);
        }
        assertTrue(batch.outsideMean(9));
        assertEquals(0.25f, batch.classWeight(9));
        assertSame(match, batch.logitMatch(9));
        assertTrue(batch.anyOutsideMean());
        // Its class weight and its match's weight: 0.25 + 2.
        assertEquals(2.25, batch.outsideWeight());
    }

    @Test
    void theLargestTermWeightIsTheLargestSumOfOneSamplesTerms() {
        Batch batch = twoOwnSamples();
        assertEquals(0.0, batch.largestTermWeight());
        assertEquals(0.0, batch.outsideWeight());
        assertFalse(batch.anyOutsideMean());
        float[] half = {0.5f, 0.5f};
        int[] units = {2, 3};
        batch.addDistillationTarget(0, new DistillationTarget(half, units, 2.0, 1.0));
        batch.addDistillationTarget(0, new DistillationTarget(half, units, 2.0, 1.5));
        batch.addDistillationTarget(1, new DistillationTarget(half, units, 2.0, 2.0));
        assertEquals(2, batch.distillationTargetCount(0));
        assertEquals(1, batch.distillationTargetCount(1));
        // Sample 0 carries 1 + 1.5, more than sample 1's 2.
        assertEquals(2.5, batch.largestTermWeight());
    }

    @Test
    void aBatchSaysWhereItIsCountedFromOne() {
        SampleSet data = new ArraySamples(2, new float[][] {{0f}}, new int[] {4});
        Batch batch = new Batch(2, Scenario.DOMAIN_INCREMENTAL, 3, 7, data, new int[] {0});
        assertEquals(2, batch.taskIndex());
        assertEquals(Scenario.DOMAIN_INCREMENTAL, batch.scenario());
        assertEquals(3, batch.epoch());
        assertEquals(7, batch.batchIndex());
        assertEquals("task 3, epoch 4, batch 8", batch.position());
    }

    /** Every per-sample read and write is refused past either end of the batch, by position. */
    @Test
    void aPositionOutsideTheBatchIsRefusedByEveryCall() {
        Batch batch = twoOwnSamples();
        batch.setOutputs((position, logits) -> { });
        List<IntConsumer> calls = List.of(batch::label, batch::task, batch::sampleIndex, batch::narrowedClasses,
                batch::outsideMean, batch::classWeight, batch::logitMatch,
                i -> batch.narrowClasses(i, new boolean[4]), i -> batch.outputs(i, new float[4]),
                i -> batch.addDistillationTarget(i, new DistillationTarget(new float[] {1f}, new int[] {2}, 1, 1)));
        for (int k = 0; k < calls.size(); k++) {
            IntConsumer call = calls.get(k);
            for (int position : new int[] {-1, 2}) {
                assertEquals("batch position " + position + " outside [0, 2)", assertThrows(
                        IndexOutOfBoundsException.class, () -> call.accept(position)).getMessage(), "call " + k);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> batch.input(2));
    }

    /** Once beforeBatch is over, what would change the batch, or what it offers that hook, is refused by name. */
    @Test
    void aSealedBatchRefusesWhatOnlyBeforeBatchMayDo() {
        Batch batch = twoOwnSamples();
        batch.setOutputs((position, logits) -> { });
        batch.setOracle(new ScriptedOracle(new double[0][][]));
        batch.seal();
        List<Executable> calls = List.of(() -> batch.append(new float[] {0f}, 2, 1),
                () -> batch.appendOutsideMean(new float[] {0f}, 2, 1, 1, null),
                () -> batch.narrowClasses(0, new boolean[4]), () -> batch.outputs(0, new float[4]),
                () -> batch.addDistillationTarget(0, new DistillationTarget(new float[] {1f}, new int[] {2}, 1, 1)),
                batch::oracle);
        List<String> names = List.of("append", "appendOutsideMean", "narrowClasses", "outputs",
                "addDistillationTarget", "oracle");
        for (int k = 0; k < calls.size(); k++) {
            assertEquals(names.get(k) + " is only valid in beforeBatch: the batch has been trained on",
                    assertThrows(IllegalStateException.class, calls.get(k)).getMessage());
        }
    }

    /** A class weight of 0 is kept (the sample's terms alone count); below 0 or infinite it is refused. */
    @Test
    void appendedSamplesAreCheckedForWeightTaskAndLength() {
        Batch batch = twoOwnSamples();
        batch.appendOutsideMean(new float[] {0f}, 2, 1, 0.0, null);
        assertEquals(0f, batch.classWeight(2));
        for (double weight : new double[] {-1e-9, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertThrows(ParameterException.class, () -> batch.appendOutsideMean(new float[] {0f}, 2, 1, weight, null),
                    "weight " + weight);
        }
        // Tasks started so far are 0 and 1 (the current one).
        batch.append(new float[] {0f}, 2, 0);
        for (int task : new int[] {-1, 2}) {
            ParameterException e = assertThrows(ParameterException.class,
                    () -> batch.append(new float[] {0f}, 2, task));
            assertTrue(e.getMessage().contains("a task started so far, in [0, 1]"), e.getMessage());
        }
        ParameterException longer = assertThrows(ParameterException.class,
                () -> batch.append(new float[] {0f, 0f}, 2, 1));
        assertTrue(longer.getMessage().contains("an input vector as long as the task's (1), found 2"),
                longer.getMessage());
        assertTrue(assertThrows(ParameterException.class, () -> batch.append(null, 2, 1)).getMessage()
                .endsWith("found null"));
        assertEquals(4, batch.size());
    }
}
