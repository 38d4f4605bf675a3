package org.engram.learning.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OtherHeadsTest {
    /**
     * Task-incremental readout of 2 inputs x 4 units, heads {0, 1} and {2, 3}; a hidden layer of 1 x 2
     * weights shared by every task. Task 1 starts: in every row of the readout (row-major by input) the
     * entries of units 0 and 1, the other head, are zeroed and those of its own head kept; the shared
     * layer is left whole.
     */
    @Test
    void zeroesTheOtherHeadsColumnsAndKeepsTheOwnHeadAndSharedLayers() {
        StubModel weights = new StubModel(new int[] {1, 2}, new int[] {2, 4});
        ModelView model = new TwoHeads(weights);
        OtherHeads other = OtherHeads.of(new FixedTask(1, Scenario.TASK_INCREMENTAL, 1, model, null, List.of()));
        double[][] perWeight = {{1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}};
        other.leaveOut(perWeight);
        assertArrayEquals(new double[] {1, 2}, perWeight[0], 0);
        assertArrayEquals(new double[] {0, 0, 3, 4, 0, 0, 7, 8}, perWeight[1], 0);
    }

    /** The view of a network whose last layer holds one head of two units per task. */
    private record TwoHeads(StubModel weights) implements ModelView {
        @Override
        public int layerCount() {
            return weights.layerCount();
        }

        @Override
        public int inputs(int layer) {
            return weights.inputs(layer);
        }

        @Override
        public int outputs(int layer) {
            return weights.outputs(layer);
        }

        @Override
        public float[] weights(int layer) {
            return weights.weights(layer);
        }

        @Override
        public boolean taskSpecific(int layer) {
            return layer == layerCount() - 1;
        }

        @Override
        public int[] headUnits(int task) {
            return new int[] {2 * task, 2 * task + 1};
        }
    }
}
